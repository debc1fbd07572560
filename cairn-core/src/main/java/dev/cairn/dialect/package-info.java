/**
 * What differs between database engines: the small {@code Dialect} contract and the optional
 * capabilities a dialect may offer, found by {@code ServiceLoader} through {@code DialectFactory}.
 * How to add one: docs/dialects.md.
 *
 * <p>Status: SPI (the API package set: README, "Architecture").
 */
package dev.cairn.dialect;

/**
 * The migration model ({@code Migration}, {@code Version}, {@code Problem}) and the file
 * conventions that read a directory and name the next file (one class per convention: see
 * docs/conventions.md). Hosts use the model; the convention classes are internal.
 *
 * <p>Status: API (model) and internal (conventions) (the API package set: README, "Architecture").
 */
package dev.cairn.migration;

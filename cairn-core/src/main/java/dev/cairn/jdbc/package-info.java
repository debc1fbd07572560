/**
 * Where connections come from (a URL or an application's {@code DataSource}) and the one place
 * an {@code SQLException} becomes a {@code CairnException}. Not API apart from the connection
 * source the facade accepts.
 *
 * <p>Status: Internal, except {@code ConnectionSource} (the API package set: README, "Architecture").
 */
package dev.cairn.jdbc;

/**
 * PostgreSQL behind the dialect: SQL, catalogs, advisory locks, client tools (pg_dump,
 * pg_restore, psql), scratch databases, the schema reader and the generator. Nothing outside this
 * package knows PostgreSQL's details.
 *
 * <p>Status: Internal (the API package set: README, "Architecture").
 */
package dev.cairn.dialect.postgres;

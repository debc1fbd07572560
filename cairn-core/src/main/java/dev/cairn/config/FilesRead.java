package dev.cairn.config;

/**
 * Migration files read once and shared by every configuration that carries them (a fan-out reads them once for
 * all its targets). What they hold is the migration package's ({@code dev.cairn.migration.Preloaded}): the
 * configuration only carries them, so it need not know what a migration is.
 */
public interface FilesRead {
}

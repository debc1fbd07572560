package dev.cairn.engine;

/** How a backup is written. */
public enum BackupFormat {
    /** pg_dump's custom archive ({@code .dump}), compressed, restored with pg_restore. */
    CUSTOM(".dump"),
    /** Plain SQL gzipped by Cairn ({@code .sql.gz}), readable by people, restored with psql. */
    PLAIN(".sql.gz");

    private final String extension;

    BackupFormat(String extension) {
        this.extension = extension;
    }

    /** The file name's ending, with its dot. */
    public String extension() {
        return extension;
    }

    /** {@code custom} or {@code plain}, as the command line and JSON name it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

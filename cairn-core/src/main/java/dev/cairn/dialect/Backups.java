package dev.cairn.dialect;

import dev.cairn.config.DatabaseUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Capability: backing up and restoring the whole database with the server's own client tools
 * (PostgreSQL: pg_dump, pg_restore, psql), as dbmate does. The tools connect by themselves with the
 * configured URL; the password goes in their environment, never on a command line. Two forms: the
 * tool's own compressed archive ({@code archive}, {@code .dump}) and plain SQL gzipped by Cairn
 * ({@code .sql.gz}). The engine ({@code Backup}, {@code Restore}) owns the files, their names, the
 * lock and the confirmation; this owns the tools. Without it, {@code backup}, {@code restore} and
 * {@code migrate --backup} stop with a usage error.
 */
public interface Backups {

    /**
     * How messages name the tools.
     *
     * @param dump    the tool that writes both forms ({@code pg_dump})
     * @param archive the tool that restores an archive ({@code pg_restore})
     * @param sql     the tool that runs a plain SQL dump ({@code psql})
     */
    record Tools(String dump, String archive, String sql) {
    }

    /** How a tool ended; {@code stderr} has any known password replaced by {@code ***}. */
    record Finished(int exitCode, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The error output for a message: each line indented by two spaces, blank lines dropped. */
        public String indented() {
            return stderr.strip().lines().filter(l -> !l.isBlank()).map(l -> "  " + l)
                    .collect(java.util.stream.Collectors.joining("\n"));
        }
    }

    Tools tools();

    /** Whether a file that starts with {@code head} (its first bytes, up to 16) is the dump tool's archive. */
    boolean isArchive(byte[] head);

    /** {@code host:port/database} of the URL, for messages. */
    String describe(DatabaseUrl url);

    /**
     * The dump tool, checked against the server before anything is written.
     *
     * @throws dev.cairn.error.CairnException a usage error (exit 2) naming the client tools to install
     */
    Dump dump(DatabaseUrl url, Map<String, String> environment, int serverMajor);

    /** A checked dump tool. */
    interface Dump {
        /** Writes the database into {@code file} (which exists, empty): as an archive, or as gzipped SQL. */
        Finished write(boolean archive, Path file) throws IOException;
    }

    /**
     * The restore tool for a file of this form, checked before anything is unpacked, locked or changed.
     *
     * @throws dev.cairn.error.CairnException a usage error (exit 2) naming the client tools to install
     */
    Restorer restorer(DatabaseUrl url, Map<String, String> environment, int serverMajor, boolean archive);

    /** A checked restore tool. */
    interface Restorer {
        /** The tool's name, for messages. */
        String tool();

        /**
         * Readies {@code file} for the tool (a gzipped SQL file is unpacked into a private file and
         * checked); closing deletes what was made, as does Cairn's ending.
         *
         * @param shown how messages name the file
         * @throws dev.cairn.error.CairnException when the file cannot be read or holds what must not run
         */
        Ready ready(Path file, String shown);
    }

    /** A file ready to restore. */
    interface Ready extends AutoCloseable {
        /** Restores it in one transaction: a failure leaves the database as it was. */
        Finished run();

        @Override
        void close();
    }

    /** The command a person runs to restore {@code file} by hand, without the password. */
    String restoreCommand(DatabaseUrl url, boolean archive, Path file);
}

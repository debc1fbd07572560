package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.migration.DirectoryScan;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Migration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/** Reads the configured directories. */
final class Discover {

    private Discover() {
    }

    static Discovery all(Configuration config) {
        return new DirectoryScan(config.ignore(), config.migrationSettings()).scan(config.locations());
    }

    /** The migrations, or a usage error (exit 2) listing every problem with the files. */
    static List<Migration> valid(Configuration config) {
        return all(config).requireValid();
    }

    /**
     * What was read from the files, the database opened meanwhile (the caller closes it), and what
     * was read from the database while the files were still being read.
     */
    record Opened<T, U>(T files, Database db, U early) {
    }

    /**
     * Reads the files on a second thread while the database connection opens: at start-up the two
     * take about as long, and an application pays their sum at every start otherwise. A problem with
     * the files is reported before a failure to connect, as when the files were read first.
     */
    static <T> Opened<T, Void> whileOpening(Configuration config, Function<Configuration, T> read) {
        return whileOpening(config, read, db -> null);
    }

    /**
     * As {@link #whileOpening(Configuration, Function)}, and runs {@code meanwhile} on the open
     * database before waiting for the files: reading the history (and for status the sizes) then
     * costs no time of its own. A problem with the files is still reported first.
     */
    static <T, U> Opened<T, U> whileOpening(Configuration config, Function<Configuration, T> read,
                                            Function<Database, U> meanwhile) {
        FutureTask<T> files = new FutureTask<>(() -> read.apply(config));
        Thread reader = new Thread(files, "cairn-files");
        reader.setDaemon(true);
        reader.start();
        Database db;
        try {
            db = Database.open(config);
        } catch (RuntimeException | Error e) {
            join(files);
            throw e;
        }
        try {
            U early;
            try {
                early = meanwhile.apply(db);
            } catch (RuntimeException | Error e) {
                join(files);
                throw e;
            }
            return new Opened<>(join(files), db, early);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw CairnException.failed("files.unreadable", "cannot read the migration files: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw CairnException.failed("files.interrupted", "interrupted while reading the migration files", e);
        }
    }
}

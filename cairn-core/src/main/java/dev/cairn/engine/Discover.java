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

    /** What was read from the files, and the database opened meanwhile; the caller closes {@code db}. */
    record Opened<T>(T files, Database db) {
    }

    /**
     * Reads the files on a second thread while the database connection opens: at start-up the two
     * take about as long, and an application pays their sum at every start otherwise. A problem with
     * the files is reported before a failure to connect, as when the files were read first.
     */
    static <T> Opened<T> whileOpening(Configuration config, Function<Configuration, T> read) {
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
            return new Opened<>(join(files), db);
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

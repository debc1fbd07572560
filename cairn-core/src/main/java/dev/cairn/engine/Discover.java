package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.migration.Background;
import dev.cairn.migration.DirectoryScan;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Preloaded;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Reads the configured directories. */
final class Discover {

    private Discover() {
    }

    static Discovery all(Configuration config) {
        return config.preloaded().map(Preloaded.class::cast).map(Preloaded::discovery)
                .orElseGet(() -> DirectoryScan.configured(config));
    }

    /** A script's statements: split once for every run sharing {@link Configuration#preloaded()} files. */
    static List<dev.cairn.sql.SqlStatement> split(Configuration config, dev.cairn.sql.SqlSource script) {
        return config.preloaded().map(Preloaded.class::cast).map(p -> p.split(script))
                .orElseGet(() -> dev.cairn.sql.SqlSplitter.split(script));
    }

    /** The migrations, or a usage error (exit 2) listing every problem with the files. */
    static List<Migration> valid(Configuration config) {
        return all(config).requireValid();
    }

    /**
     * What was read from the files, the database opened meanwhile (the caller closes it), and what
     * was read from the database while the files were still being read.
     */
    record Opened<T, U>(T files, Session db, U early) {
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
                                            Function<Session, U> meanwhile) {
        Background<T> files = Background.start("cairn-files", () -> read.apply(config));
        Session db = filesFirst(files, () -> Session.open(config));
        try {
            U early = filesFirst(files, () -> meanwhile.apply(db));
            return new Opened<>(files.join(), db, early);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** An operation on an open session, given what was read from the files and from the database first. */
    @FunctionalInterface
    interface Operation<T, U, R> {
        R run(Session db, T files, U early);
    }

    /**
     * The one open-and-close wrapper of the operations: opens the session while the files are read
     * (see {@link #whileOpening(Configuration, Function, Function)}), runs {@code op} on it, closes it.
     */
    static <T, U, R> R opening(Configuration config, Function<Configuration, T> read, Function<Session, U> meanwhile,
                               Operation<T, U, R> op) {
        Opened<T, U> opened = whileOpening(config, read, meanwhile);
        try (Session db = opened.db()) {
            return op.run(db, opened.files(), opened.early());
        }
    }

    /**
     * {@code op} on a session already open (a fan-out's, a scratch database's): the files are read
     * now, then {@code meanwhile} runs; the session stays open for its owner to close.
     */
    static <T, U, R> R on(Session db, Configuration config, Function<Configuration, T> read,
                          Function<Session, U> meanwhile, Operation<T, U, R> op) {
        T files = read.apply(config);
        return op.run(db, files, meanwhile.apply(db));
    }

    /** Runs {@code step}; when it fails, a problem with the files (if any) is thrown instead of its failure. */
    private static <R> R filesFirst(Background<?> files, Supplier<R> step) {
        try {
            return step.get();
        } catch (RuntimeException | Error e) {
            files.join();
            throw e;
        }
    }
}

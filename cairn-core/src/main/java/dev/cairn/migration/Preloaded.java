package dev.cairn.migration;

import dev.cairn.config.FilesRead;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Migration files read once and shared by many runs, as a fan-out over many databases or schemas
 * shares them: every run sees the same migrations, and each script is split into statements once,
 * by whichever run needs it first. Safe to use from several threads.
 */
public final class Preloaded implements FilesRead {

    private final Discovery discovery;
    private final ConcurrentHashMap<SqlSource, List<SqlStatement>> splits = new ConcurrentHashMap<>();

    public Preloaded(Discovery discovery) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
    }

    /** What the directories held when they were read, problems included. */
    public Discovery discovery() {
        return discovery;
    }

    /**
     * The script's statements, split on first use and kept.
     *
     * @throws dev.cairn.sql.SqlSyntaxException as {@link SqlSplitter#split} does (not kept: every caller sees it)
     */
    public List<SqlStatement> split(SqlSource source) {
        return splits.computeIfAbsent(source, s -> List.copyOf(SqlSplitter.split(s)));
    }
}

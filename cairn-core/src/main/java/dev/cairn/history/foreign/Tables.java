package dev.cairn.history.foreign;

import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds the other tool's history table: named by {@code --from} and {@code --table}, or detected. */
public final class Tables {

    private Tables() {
    }

    /** The tool and its table. */
    public record Chosen(Tool tool, Source source) {
    }

    /** What the user asked for, and what Cairn's own history table is (never taken for another tool's). */
    public record Request(Optional<Tool> from, Optional<TableName> table, TableName own, List<Path> locations) {
    }

    /**
     * Chooses the tool and table.
     *
     * @throws CairnException (usage) when the table is missing, is not the tool's, or no single tool is found
     */
    public static Chosen choose(Connection c, Dialect dialect, Request request) throws SQLException {
        String schema = dialect.require(dev.cairn.dialect.Catalog.class, "reading another tool's history table").currentSchema(c);
        if (request.table().isPresent() || request.from().isPresent()) {
            TableName table = qualify(request.table().orElseGet(() -> request.from().get().defaultTable()), schema);
            if (qualify(request.own(), schema).equals(table)) {
                throw ownTable(table);
            }
            if (!dialect.tableExists(c, table)) {
                throw CairnException.usage("import.no-table", "the table " + table + " does not exist"
                        + request.from().map(t -> " (" + t + "'s history table)").orElse("")
                        + "; nothing was changed. Name the other tool's history table with " + Next.setting("table")
                        + (request.from().isPresent() ? "" : " and the tool with " + Next.setting("from") + " ("
                        + Tool.ids() + ")"));
            }
            Set<String> columns = columns(c, dialect, table);
            Tool tool = request.from().isPresent() ? checked(request.from().get(), table, columns)
                    : byColumns(table, columns);
            return new Chosen(tool, new Source(c, dialect, table, columns, request.locations()));
        }
        List<Chosen> found = new ArrayList<>();
        Set<TableName> seen = new HashSet<>();
        for (Tool tool : Tool.values()) {
            TableName table = qualify(tool.defaultTable(), schema);
            if (!dialect.tableExists(c, table)) {
                continue;
            }
            Set<String> columns = columns(c, dialect, table);
            if (tool.fits(columns) && qualify(request.own(), schema).equals(table)) {
                throw ownTable(table);
            }
            if (tool.fits(columns) && seen.add(table)) {
                found.add(new Chosen(tool, new Source(c, dialect, table, columns, request.locations())));
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw CairnException.usage("import.none-found", "no other tool's history table was found (looked for "
                    + java.util.Arrays.stream(Tool.values()).map(t -> t.defaultTable().toString()).distinct()
                    .collect(Collectors.joining(", ")) + "); nothing was changed. Name it with "
                    + Next.setting("from", "TOOL")
                    + " and " + Next.setting("table", "NAME"));
        }
        throw CairnException.usage("import.several-found", "several tools' history tables were found: "
                + found.stream().map(f -> f.tool() + " (" + f.source().table() + ")").collect(Collectors.joining(", "))
                + "; nothing was changed. Choose one with " + Next.setting("from", "TOOL"));
    }

    /** The tool whose history table {@code table} looks like, when exactly one fits its columns. */
    public static Optional<Tool> recognise(Connection c, Dialect dialect, TableName table) throws SQLException {
        List<Tool> fitting = Tool.fitting(columns(c, dialect, table));
        return fitting.size() == 1 ? Optional.of(fitting.get(0)) : Tool.byDefaultTable(fitting, table);
    }

    private static CairnException ownTable(TableName table) {
        return CairnException.usage("import.own-table", table + " is the table Cairn is configured to keep its own"
                + " history in, so it cannot also be the other tool's; nothing was changed. Give Cairn's history"
                + " another name (" + Next.setting("table") + "; cairn_history by default), then import");
    }

    private static Tool checked(Tool tool, TableName table, Set<String> columns) {
        if (!tool.fits(columns)) {
            throw CairnException.usage("import.not-the-tool", table + " does not look like " + tool + "'s history"
                    + " table: it has the columns " + sorted(columns) + "; nothing was changed. Check "
                    + Next.setting("from") + " and"
                    + " " + Next.setting("table") + fittingHint(columns));
        }
        return tool;
    }

    private static Tool byColumns(TableName table, Set<String> columns) {
        List<Tool> fitting = Tool.fitting(columns);
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        if (fitting.size() > 1) {
            return Tool.byDefaultTable(fitting, table).orElseThrow(() -> CairnException.usage("import.ambiguous",
                    table + " looks like the history table of " + fitting.stream().map(Tool::id)
                            .collect(Collectors.joining(" or ")) + "; nothing was changed. Choose with "
                            + Next.setting("from", "TOOL")));
        }
        throw CairnException.usage("import.unknown-table", table + " does not look like any known tool's history"
                + " table: it has the columns " + sorted(columns) + "; nothing was changed. Cairn imports from "
                + Tool.ids());
    }

    private static String fittingHint(Set<String> columns) {
        List<Tool> fitting = Tool.fitting(columns);
        return fitting.isEmpty() ? "" : " (it looks like " + fitting.stream().map(Tool::id)
                .collect(Collectors.joining(" or ")) + "'s)";
    }

    private static String sorted(Set<String> columns) {
        return columns.stream().sorted().collect(Collectors.joining(", "));
    }

    private static TableName qualify(TableName t, String schema) {
        return t.schema().isPresent() ? t : new TableName(Optional.of(schema), t.name());
    }

    /** The table's column names in lower case, read from an empty result. */
    static Set<String> columns(Connection c, Dialect dialect, TableName table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + dialect.qualified(table) + " WHERE false")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}

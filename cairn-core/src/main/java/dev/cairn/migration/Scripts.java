package dev.cairn.migration;

import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlSyntaxException;
import java.util.Arrays;
import java.util.Optional;

/** What conventions with sections in one file share: cutting a run of lines out as a script. */
final class Scripts {

    private Scripts() {
    }

    /** The lines of a file; a CRLF file's lines keep their CR, as the checksum ignores it. */
    static String[] lines(MigrationFile file) {
        return file.text().split("\n", -1);
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive), 0-based, as a script of the file. */
    static SqlSource cut(MigrationFile file, String[] lines, int from, int to) {
        return new SqlSource(file.display(), String.join("\n", Arrays.asList(lines).subList(from, to)), from + 1);
    }

    /** The text seed 002's own generator writes into a ROLLBACK section: a down nobody wrote yet. */
    static final String PLACEHOLDER = "-- Add your rollback SQL here";

    /**
     * A present down section, or empty when it holds nothing but seed 002's placeholder comment (and
     * blank lines or other comments), which is a down never written rather than one with nothing to undo.
     * A script that does not split is kept, so that running it reports the error with its file and line.
     */
    static Optional<SqlSource> unlessPlaceholder(SqlSource script) {
        if (!script.text().contains(PLACEHOLDER)) {
            return Optional.of(script);
        }
        try {
            return SqlSplitter.hasStatements(script) ? Optional.of(script) : Optional.empty();
        } catch (SqlSyntaxException e) {
            return Optional.of(script);
        }
    }

    /** AUTO, or NONE when the leading comments of the file or of its up script say {@code cairn:no-transaction}. */
    static Migration.Transaction transaction(MigrationFile file, SqlSource up) {
        return Names.hasDirective(file.text(), "cairn:no-transaction")
                || Names.hasDirective(up.text(), "cairn:no-transaction")
                ? Migration.Transaction.NONE : Migration.Transaction.AUTO;
    }
}

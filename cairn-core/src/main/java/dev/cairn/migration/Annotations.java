package dev.cairn.migration;

import dev.cairn.error.CairnException;
import dev.cairn.sql.Keywords;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import dev.cairn.sql.SqlSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The annotation comments goose and sql-migrate share: {@code -- +goose Up}, {@code -- +goose Down},
 * {@code -- +goose StatementBegin} ... {@code -- +goose StatementEnd} (and the same with
 * {@code +migrate}). Finds them, checks their structure and cuts the sections out.
 *
 * <p>A StatementBegin/StatementEnd block is one statement to those tools even without a closing
 * {@code ;}. Cairn splits every script the way psql does, which keeps dollar-quoted and quoted
 * bodies, {@code BEGIN ATOMIC} bodies and {@code DO} blocks whole; a block whose last statement has
 * no {@code ;} and is followed by more SQL would run together with it, so that is reported here.
 */
final class Annotations {

    /** One annotation: its 0-based line, its first word lowercased, the rest of the line, and all of it as written. */
    record Line(int index, String word, String rest, String text) {
    }

    private final MigrationFile file;
    private final String code;
    private final String marker;
    private final String[] lines;
    private final List<Line> all;

    private Annotations(MigrationFile file, String code, String marker, String[] lines, List<Line> all) {
        this.file = file;
        this.code = code;
        this.marker = marker;
        this.lines = lines;
        this.all = all;
    }

    /**
     * The {@code -- +tool ...} lines of a file; none means the file is not of that tool.
     *
     * @param code the prefix of the codes of problems found, such as {@code file.goose}
     */
    static Annotations find(MigrationFile file, String tool, String code) {
        if (!Keywords.containsIgnoreCase(file.text(), "+" + tool)) {
            return new Annotations(file, code, "-- +" + tool, new String[0], List.of());
        }
        Pattern p = Pattern.compile("--\\s*\\+" + tool + "\\b\\s*(\\S*)\\s*(.*)", Pattern.CASE_INSENSITIVE);
        String[] lines = Scripts.lines(file);
        List<Line> found = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = p.matcher(lines[i].strip());
            if (m.matches()) {
                found.add(new Line(i, m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip(),
                        (m.group(1) + " " + m.group(2)).strip()));
            }
        }
        return new Annotations(file, code, "-- +" + tool, lines, List.copyOf(found));
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** The annotations that are not sections or statement blocks, for the convention to interpret. */
    List<Line> others() {
        return all.stream().filter(l -> !List.of("up", "down", "statementbegin", "statementend").contains(l.word()))
                .toList();
    }

    /** What follows the section word on its line: {@code notransaction} in {@code -- +migrate Up notransaction}. */
    String modifier(String section) {
        return all.stream().filter(l -> l.word().equals(section)).map(Line::rest).findFirst().orElse("");
    }

    /** Checks the structure and cuts out the sections. */
    Part part(String convention, Version version, String description, Migration.Transaction tx) {
        Optional<Line> up = section("up");
        Optional<Line> down = section("down");
        if (up.isEmpty()) {
            int at = down.map(Line::index).orElse(all.get(0).index());
            throw problem(code + "-without-up", at, "has no '" + marker + " Up' annotation; add one above the up SQL");
        }
        int upLine = up.get().index();
        int downLine = down.map(Line::index).orElse(lines.length);
        if (downLine < upLine) {
            throw problem(code + "-order", downLine, "'" + marker + " Down' comes before '" + marker
                    + " Up'; put the up section first");
        }
        for (int i = 0; i < upLine; i++) {
            String t = lines[i].strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                throw problem(code + "-outside", i, "SQL above '" + marker + " Up' belongs to no section and would"
                        + " never run; move it into the up or down section");
            }
        }
        SqlSource upScript = Scripts.cut(file, lines, upLine + 1, downLine);
        checkBlocks(upLine, downLine);
        Optional<SqlSource> downScript = Optional.empty();
        if (down.isPresent()) {
            downScript = Optional.of(Scripts.cut(file, lines, downLine + 1, lines.length));
            checkBlocks(downLine, lines.length);
        }
        Migration.Transaction mode = tx == Migration.Transaction.NONE ? tx : Scripts.transaction(file, upScript);
        return Part.both(convention, file, version, description, upScript, downScript, mode);
    }

    private Optional<Line> section(String word) {
        List<Line> found = all.stream().filter(l -> l.word().equals(word)).toList();
        if (found.size() > 1) {
            throw problem(code + "-duplicate-section", found.get(1).index(), "a second '" + marker + " "
                    + (word.equals("up") ? "Up" : "Down") + "' annotation; a file has one up and one down section");
        }
        return found.stream().findFirst();
    }

    /** StatementBegin/StatementEnd pairs within the section between lines {@code from} and {@code to}. */
    private void checkBlocks(int from, int to) {
        int open = -1;
        for (Line l : all) {
            if (l.index() <= from || l.index() >= to) {
                continue;
            }
            if (l.word().equals("statementbegin")) {
                if (open >= 0) {
                    throw problem(code + "-statement-block", l.index(), "'" + marker + " StatementBegin' inside the"
                            + " block opened on line " + (open + 1) + "; close that one with StatementEnd first");
                }
                open = l.index();
            } else if (l.word().equals("statementend")) {
                if (open < 0) {
                    throw problem(code + "-statement-block", l.index(), "'" + marker + " StatementEnd' without a"
                            + " StatementBegin above it in its section");
                }
                checkBlock(open, l.index(), to);
                open = -1;
            }
        }
        if (open >= 0) {
            throw problem(code + "-statement-block", open, "'" + marker + " StatementBegin' is not closed by a"
                    + " StatementEnd in its section");
        }
    }

    private void checkBlock(int begin, int end, int sectionEnd) {
        try {
            List<SqlStatement> block = SqlSplitter.split(Scripts.cut(file, lines, begin + 1, end)).stream()
                    .filter(st -> !st.isEmpty()).toList();
            if (block.isEmpty() || block.get(block.size() - 1).sql().endsWith(";")) {
                return;
            }
            if (SqlSplitter.hasStatements(Scripts.cut(file, lines, end + 1, sectionEnd))) {
                throw problem(code + "-statement-block", block.get(block.size() - 1).line() - 1, "the statement in the"
                        + " StatementBegin/StatementEnd block ending on line " + (end + 1) + " has no closing ';', so"
                        + " it would run together with the SQL after the block (Cairn splits statements the way psql"
                        + " does); end it with ';'");
            }
        } catch (SqlSyntaxException e) {
            // Reported with its file and line when the script is split to run.
        }
    }

    private CairnException problem(String code, int index, String what) {
        return CairnException.usage(code, file.display() + ":" + (index + 1) + ": " + what);
    }
}

package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random scripts built from the lexical cases the splitter must survive, joined by {@code ;} and
 * random whitespace and comments: splitting must give back every statement byte for byte as psql sends
 * it (without the empty lines outside quotes, and a last comment-only buffer too), where it was. A failure names its seed; {@code Script.generate(seed)} rebuilds the script.
 */
class SqlSplitterPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void givesBackTheStatementsItWasBuiltFrom(long seed) {
        Script script = Script.generate(seed);
        String context = "seed " + seed + ", script:\n" + script.text();

        List<SqlStatement> statements = SqlSplitter.split(new SqlSource("generated.sql", script.text(), script.firstLine));

        assertThat(statements).as(context).hasSameSizeAs(script.expected);
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement actual = statements.get(i);
            Expected expected = script.expected.get(i);
            String where = context + "\nstatement " + i;
            assertThat(actual.sql()).as(where).isEqualTo(expected.sql);
            assertThat(actual.copyData()).as(where).isEqualTo(expected.copyData);
            assertThat(actual.line() + ":" + actual.column()).as(where).isEqualTo(expected.position);
            assertThat(actual.isCopyFromStdin()).as(where).isEqualTo(expected.copies);
        }
    }

    private record Expected(String sql, String copyData, String position, boolean copies) {
    }

    /** A generated script and the statements it must split into. */
    private static final class Script {

        private static final String[] WORDS = {"a", "b$c", "t1", "from_x", "café", "x_", "CASE WHEN a THEN 1 ELSE 2 END"};
        private static final String[] OPERATORS = {"+", "-", "*", "<>", "::", "=", ",", "||", "."};
        private static final String[] NUMBERS = {"1", "2.5", "1e5", ".5", "42", "1.e3"};
        private static final String[] NOISE = {";", "'", "\"", "$$", "--", "/*", "*/", "\\", "é", "$1", "x"};
        private static final String[] TAGS = {"", "fn", "body", "_x1", "é"};

        private final Random random;
        private final StringBuilder text = new StringBuilder();
        private final List<Expected> expected = new ArrayList<>();
        private final int firstLine;
        private final boolean crlf;
        /** Where a block comment between statements opened: the next statement starts there. */
        private int pendingStart = -1;
        /** Where quoted text with newlines lies (start inclusive, end exclusive): psql keeps its empty lines. */
        private final List<int[]> quotes = new ArrayList<>();

        private Script(Random random) {
            this.random = random;
            this.firstLine = 1 + random.nextInt(500);
            this.crlf = random.nextInt(3) == 0;
        }

        String text() {
            return text.toString();
        }

        static Script generate(long seed) {
            Script script = new Script(new Random(seed));
            script.build();
            return script;
        }

        private void build() {
            separator();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                boolean last = i == count - 1;
                if (last && random.nextInt(3) == 0) {
                    unterminated();
                } else {
                    statement(i);
                    separator();
                }
            }
            if (pendingStart >= 0) {
                // psql sends a last buffer of comments only, as it sends any buffer left at the end.
                int start = start();
                expected.add(new Expected(atEnd(psqlSends(start, text.length())), "", position(start), false));
            }
        }

        /** What psql sends of text[start, end): its empty lines outside quotes are skipped. */
        private String psqlSends(int start, int end) {
            StringBuilder out = new StringBuilder(end - start);
            for (int p = start; p < end; p++) {
                char c = text.charAt(p);
                if (c == '\n' && p > start && text.charAt(p - 1) == '\n' && !quoted(p)) {
                    continue;
                }
                out.append(c);
            }
            return out.toString();
        }

        private boolean quoted(int p) {
            for (int[] q : quotes) {
                if (p > q[0] && p < q[1]) {
                    return true;
                }
            }
            return false;
        }

        /** At the end of the file, the newline that ends its last line is not part of the statement. */
        private static String atEnd(String sql) {
            return sql.endsWith("\n") ? sql.substring(0, sql.length() - 1) : sql;
        }

        /** The last statement without a ;, followed by whitespace and comments that psql would send with it. */
        private void unterminated() {
            int start = start();
            lead();
            body();
            separator();
            pendingStart = -1; // its trailing comments are part of it
            expected.add(new Expected(atEnd(psqlSends(start, text.length())), "", position(start), false));
        }

        private int start() {
            int start = pendingStart >= 0 ? pendingStart : text.length();
            pendingStart = -1;
            return start;
        }

        private void statement(int index) {
            int start = start();
            lead();
            int kind = random.nextInt(10);
            if (kind == 0) {
                copy(start);
                return;
            }
            switch (kind) {
                case 1 -> atomic(index);
                case 2 -> rule(index);
                case 3 -> text.append(pick("BEGIN", "END", "COMMIT", "begin isolation level serializable"));
                default -> body();
            }
            if (random.nextInt(4) == 0) {
                text.append(" /* before ; */");
            }
            text.append(';');
            expected.add(new Expected(psqlSends(start, text.length()), "", position(start), false));
        }

        /** A leading block comment is part of the statement, as psql sends it. */
        private void lead() {
            if (random.nextInt(5) == 0) {
                text.append("/* lead ; ' /* nested */ */").append(pick(" ", newline(), ""));
            }
        }

        private void copy(int start) {
            text.append("COPY t (a, b) FROM ").append(pick("stdin", "STDIN", "StdIn"))
                    .append(pick("", " WITH (FORMAT csv)", " (FORMAT text)")).append(';');
            int end = text.length();
            text.append(newline());
            int dataStart = text.length();
            for (int rows = random.nextInt(4); rows > 0; rows--) {
                text.append(pick("1\tA;", "\\N\t'", "$$\t\"", "/*\t--", "\\.x", " \\.", "é\t;;")).append(newline());
            }
            String data = text.substring(dataStart);
            text.append("\\.").append(newline());
            expected.add(new Expected(psqlSends(start, end), data, position(start), true));
        }

        private void atomic(int index) {
            text.append(pick("CREATE FUNCTION f", "create or replace function f", "CREATE PROCEDURE p"))
                    .append(index).append("() LANGUAGE sql").append(newline()).append(pick("BEGIN ATOMIC", "begin atomic"));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                text.append(newline()).append("  ");
                body();
                text.append(';');
            }
            text.append(newline()).append(pick("END", "end"));
        }

        private void rule(int index) {
            text.append("CREATE RULE r").append(index).append(" AS ON INSERT TO t DO ALSO (");
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                text.append("INSERT INTO log VALUES (1, ");
                fragment(0);
                text.append(");").append(pick(" ", newline()));
            }
            text.append(')');
        }

        /** A statement body: a keyword, then fragments, ending on a token (never on a comment). */
        private void body() {
            text.append(pick("SELECT", "INSERT INTO t VALUES", "UPDATE t SET a =", "select"));
            for (int n = random.nextInt(8); n > 0; n--) {
                text.append(pick(" ", " ", newline(), newline() + newline(), "\t"));
                fragment(0);
            }
            text.append(' ');
            text.append(pick(WORDS));
        }

        private void fragment(int depth) {
            switch (random.nextInt(depth > 1 ? 10 : 12)) {
                case 0 -> text.append(pick(WORDS));
                case 1 -> text.append(pick(OPERATORS));
                case 2 -> text.append(pick(NUMBERS));
                case 3 -> quoted("'", "''", false);
                case 4 -> quoted(pick("E'", "e'"), "\\'", true);
                case 5 -> quoted(pick("U&'", "N'", "B'", "X'"), "", false);
                case 6 -> quoted(pick("\"", "U&\""), "\"\"", false);
                case 7 -> dollarQuoted();
                case 8 -> text.append("/* ").append(noise("/*", "*/")).append(pick("", " /* ; */ ")).append(" */");
                case 9 -> text.append("-- ").append(noise()).append(newline());
                default -> parenthesised(depth);
            }
        }

        /** Parentheses hide semicolons from the splitter. */
        private void parenthesised(int depth) {
            text.append('(');
            for (int n = random.nextInt(4); n > 0; n--) {
                fragment(depth + 1);
                text.append(pick(" ", "; ", newline()));
            }
            text.append(pick(WORDS)).append(')');
        }

        private void quoted(String open, String escapedQuote, boolean backslashes) {
            String close = open.endsWith("\"") ? "\"" : "'";
            int from = text.length();
            text.append(open);
            for (int n = random.nextInt(4); n > 0; n--) {
                String piece = pick(";", " ", newline(), "--", "/*", "$$", "é", "a", close.equals("'") ? "\"" : "'");
                if (!backslashes) {
                    piece = pick(piece, "\\"); // literal in every quote but E''
                }
                text.append(pick(piece, escapedQuote.isEmpty() ? piece : escapedQuote));
                if (backslashes && random.nextBoolean()) {
                    text.append("\\\\");
                }
            }
            text.append(close);
            quotes.add(new int[] {from, text.length()});
        }

        private void dollarQuoted() {
            String tag = "$" + pick(TAGS) + "$";
            String inner = tag.equals("$in$") ? "$other$" : "$in$";
            int from = text.length();
            text.append(tag).append(' ');
            for (int n = random.nextInt(4); n > 0; n--) {
                text.append(pick(noise(tag), inner + " ; " + inner, tag.equals("$$") ? "$x$" : "$$", "$1", "a$b"))
                        .append(pick(" ", newline()));
            }
            text.append(tag);
            quotes.add(new int[] {from, text.length()});
        }

        /** Whitespace and comments between statements. */
        private void separator() {
            for (int n = random.nextInt(4); n > 0; n--) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append(pick(" ", "\t", "  "));
                    case 1 -> text.append(newline());
                    case 2 -> text.append(newline()).append(newline());
                    case 3 -> text.append("-- ").append(noise()).append(newline());
                    default -> separatingBlockComment();
                }
            }
        }

        /** psql sends a block comment with the statement after it, or after the last one on its own. */
        private void separatingBlockComment() {
            if (pendingStart < 0) {
                pendingStart = text.length();
            }
            text.append("/* between ; ' */");
        }

        /** Characters that mean something somewhere, except those that would close the enclosing token. */
        private String noise(String... closers) {
            List<String> excluded = List.of(closers);
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) {
                String piece = pick(NOISE);
                if (!excluded.contains(piece)) {
                    s.append(piece).append(' ');
                }
            }
            return s.toString();
        }

        private String newline() {
            return crlf || random.nextInt(10) == 0 ? "\r\n" : "\n";
        }

        /** Computed independently of the splitter: count the LFs before, then the code points on the line. */
        private String position(int index) {
            String before = text.substring(0, index);
            int line = firstLine + (int) before.chars().filter(c -> c == '\n').count();
            int lineStart = before.lastIndexOf('\n') + 1;
            return line + ":" + (before.codePointCount(lineStart, index) + 1);
        }

        private String pick(String... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}

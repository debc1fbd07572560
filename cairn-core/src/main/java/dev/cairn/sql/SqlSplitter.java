package dev.cairn.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a PostgreSQL script into the statements {@code psql -f} sends, in one linear pass.
 *
 * <p>The lexical rules are those of psql's own lexer, {@code src/fe_utils/psqlscan.l} of PostgreSQL 15:
 * a statement ends at a {@code ;} outside quotes, comments, parentheses and the {@code BEGIN ATOMIC}
 * body of a {@code CREATE FUNCTION} or {@code CREATE PROCEDURE}; leading whitespace and {@code --}
 * comments are not part of a statement, a leading block comment is; text after the last {@code ;}
 * is a statement of its own. The data of {@code COPY ... FROM stdin} is read from the lines after the
 * statement up to a {@code \.} line, and drizzle-kit's {@code --> statement-breakpoint} line ends a
 * statement. See <a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html">the lexical
 * structure of SQL</a>.
 *
 * <p>Statements are byte for byte what psql sends: psql drops the empty lines of a statement outside
 * quotes and comments (which {@link SqlStatement#droppedLines()} records, so that a server's error
 * position still maps onto the file), keeps the trailing whitespace of a last statement without
 * {@code ;} (but not the newline ending the file), and sends a last buffer of comments only (an empty
 * query: {@link SqlStatement#isEmpty()}). {@code COPY ... FROM STDOUT} reads inline data as
 * {@code FROM STDIN} does (the server takes them as one). Like psql, which follows the setting the server
 * reports, plain {@code '...'} strings take backslash escapes after the script turns
 * {@code standard_conforming_strings} off ({@code SET}, {@code SET SESSION|LOCAL}, until {@code RESET}
 * or {@code SET ... TO DEFAULT|on}), from the line after that statement on; the server's own default is
 * taken to be on, as it is since PostgreSQL 9.1.
 *
 * <p>Where psql would send something the server can only reject, or something only psql understands,
 * this throws {@link SqlSyntaxException} instead: an unterminated quote, identifier, dollar quote,
 * block comment or COPY block, and backslash meta-commands. A drizzle-kit breakpoint ends a statement
 * without its trailing whitespace, and a part holding only comments there is not a statement.
 */
public final class SqlSplitter {

    private static final String BREAKPOINT = "--> statement-breakpoint";
    private static final String[] ROUTINE_WORDS = {"create", "function", "procedure", "or", "replace"};

    private final SqlSource source;
    private final String text;
    private final int length;
    private final int origin;
    /** What a run is for: splitting a script, classifying one statement, or folding one statement. */
    private enum Mode { SPLIT, CLASSIFY, FOLD, TOKENS }

    private final Mode mode;
    /** False when only classifying or folding one statement: COPY data is then not looked for. */
    private final boolean readCopyData;
    /** The folded text, in {@link Mode#FOLD}: comments and runs of whitespace as one space, tokens as written. */
    private final StringBuilder folded = new StringBuilder();
    /** The tokens, in {@link Mode#TOKENS}. */
    private final List<Token> tokenList = new ArrayList<>();
    private final List<SqlStatement> statements = new ArrayList<>();

    private int pos;
    /** Where the text visible to the lexer ends: the end of a COPY line whose data comes next. */
    private int limit;
    /** Where lexing resumes after {@code limit}: just after the data's {@code \.} line. */
    private int resume;

    // The statement being collected; start < 0 while psql would still be suppressing whitespace.
    private int start = -1;
    private int segment;
    private final StringBuilder carried = new StringBuilder();
    private int tokens;
    private boolean copy;
    private boolean afterFrom;
    private boolean copyIn;
    private boolean copyInSeen;
    /** Where in the statement's text file lines were left out: psql's empty lines, and COPY data. */
    private final List<Integer> dropped = new ArrayList<>();
    /** The statement starts with SET or RESET: it may change standard_conforming_strings. */
    private boolean setting;

    // standard_conforming_strings as psql would know it; a SET takes effect from the line after it.
    private boolean standardStrings = true;
    private boolean nextStandardStrings = true;
    private int settingFrom = -1;

    // psql's paren_depth, begin_depth, identifier_count and identifiers, with its exact heuristics.
    private int parenDepth;
    private int beginDepth;
    private int identifierCount;
    private final char[] identifiers = new char[4];

    // A forward-only cursor, so that locating every statement costs one pass over the text.
    private int cursor;
    private int cursorLine;
    private int cursorColumn;

    private SqlSplitter(SqlSource source, Mode mode) {
        this.source = source;
        this.text = source.text();
        this.length = text.length();
        this.origin = text.startsWith("\uFEFF") ? 1 : 0; // a byte order mark is not part of any statement
        this.mode = mode;
        this.readCopyData = mode == Mode.SPLIT;
        this.limit = length;
        this.cursor = origin;
        this.cursorLine = source.firstLine();
        this.cursorColumn = 1;
    }

    /**
     * The statements of the script, in file order.
     *
     * @throws SqlSyntaxException when a quote, comment or COPY block is never closed, or the script
     *                            holds a psql meta-command such as {@code \i} or {@code \set}
     */
    public static List<SqlStatement> split(SqlSource source) {
        Objects.requireNonNull(source, "source");
        return new SqlSplitter(source, Mode.SPLIT).run();
    }

    /**
     * Whether the script holds any statement besides comments and empty ones ({@link SqlStatement#isEmpty()}):
     * a script of comments only is sent by psql, but runs nothing.
     *
     * @throws SqlSyntaxException as {@link #split(SqlSource)}
     */
    public static boolean hasStatements(SqlSource source) {
        for (SqlStatement s : split(source)) {
            if (!s.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Whether one statement's text is a {@code COPY ... FROM stdin}. */
    static boolean copiesFromStdin(String sql) {
        SqlSplitter splitter = new SqlSplitter(new SqlSource("statement", sql, 1), Mode.CLASSIFY);
        try {
            splitter.run();
        } catch (SqlSyntaxException e) {
            return false;
        }
        return splitter.copyInSeen;
    }

    private List<SqlStatement> run() {
        pos = origin;
        while (more()) {
            char c = text.charAt(pos);
            if (isSpace(c)) {
                if (c == '\n' && start >= 0 && pos > origin && text.charAt(pos - 1) == '\n') {
                    dropLine(pos); // an empty line, which psql skips outside quotes and comments
                }
                pos++;
                foldSpace();
            } else if (c == '-' && at(pos + 1) == '-') {
                lineComment();
                foldSpace();
            } else {
                if (start < 0) {
                    begin();
                }
                int from = pos;
                int depth = parenDepth;
                token(c);
                foldToken(from, depth);
            }
            if (mode == Mode.CLASSIFY && tokens > 0 && !copy) {
                break; // classifying only, and the first word is not COPY
            }
        }
        completeAtEnd();
        return List.copyOf(statements);
    }

    /**
     * A statement's text as rules that match it with patterns read it (the linter's): comments removed,
     * whitespace outside quotes folded to single spaces, the trailing {@code ;} dropped; literals and
     * quoted identifiers kept as written, so that SQL built from the text still runs. Lexed as
     * {@link #split(SqlSource)} lexes; a statement that only lexes within its script (a string with
     * backslash escapes after {@code standard_conforming_strings} was turned off) has its whitespace
     * folded only.
     */
    public static String fold(String sql) {
        SqlSplitter splitter = new SqlSplitter(new SqlSource("statement", sql, 1), Mode.FOLD);
        String out;
        try {
            splitter.run();
            out = splitter.folded.toString();
        } catch (SqlSyntaxException e) {
            out = sql.replaceAll("\\s+", " ");
        }
        out = out.strip();
        while (out.endsWith(";")) {
            out = out.substring(0, out.length() - 1).strip();
        }
        return out;
    }

    private void foldSpace() {
        if (mode == Mode.FOLD && !folded.isEmpty() && folded.charAt(folded.length() - 1) != ' ') {
            folded.append(' ');
        }
    }

    /** The token from {@code from} to here: a block comment folds to a space, anything else is kept. */
    private void foldToken(int from, int depth) {
        if (mode == Mode.FOLD && text.startsWith("/*", from)) {
            foldSpace();
        } else if (mode == Mode.FOLD) {
            folded.append(text, from, pos);
        } else if (mode == Mode.TOKENS && !text.startsWith("/*", from)) {
            tokenList.add(new Token(from, pos, depth));
        }
    }

    /**
     * One token of a statement: a word, a quoted literal or identifier, a number, an operator or
     * punctuation character.
     *
     * @param start where it starts in the text
     * @param end   just after it
     * @param depth how many parentheses are open before it
     */
    public record Token(int start, int end, int depth) {
    }

    /**
     * The tokens of one statement, comments and whitespace left out, lexed as {@link #split(SqlSource)}
     * lexes: for rules that look for a {@code ,} or a {@code )} outside quotes (the linter's).
     *
     * @throws SqlSyntaxException when a quote or comment is not closed within the text
     */
    public static List<Token> tokens(String sql) {
        SqlSplitter splitter = new SqlSplitter(new SqlSource("statement", sql, 1), Mode.TOKENS);
        splitter.run();
        return List.copyOf(splitter.tokenList);
    }

    /** Leaves the newline at {@code at} out of the statement's text. */
    private void dropLine(int at) {
        carried.append(text, segment, at);
        segment = at + 1;
        dropped.add(carried.length());
    }

    /** Whether text is left; steps over the data of a COPY once the lexer reaches the end of its line. */
    private boolean more() {
        if (pos < limit) {
            return true;
        }
        if (limit >= length) {
            return false;
        }
        // psql reads the data straight from the file, then goes on lexing where it was.
        if (start >= 0) {
            carried.append(text, segment, limit);
            segment = resume;
            for (int i = limit; i < resume; i++) {
                if (text.charAt(i) == '\n') {
                    dropped.add(carried.length());
                }
            }
        }
        pos = resume;
        limit = length;
        return pos < limit;
    }

    private void begin() {
        start = pos;
        segment = pos;
    }

    private void token(char c) {
        switch (c) {
            case ';' -> semicolon();
            case '(' -> {
                parenDepth++;
                plain(pos + 1);
            }
            case ')' -> {
                parenDepth = Math.max(0, parenDepth - 1);
                plain(pos + 1);
            }
            case '\'' -> quoted(pos, 1, plainString());
            case '"' -> quoted(pos, 1, Quote.IDENTIFIER);
            case '$' -> dollar();
            case '\\' -> throw metaCommand();
            case '/' -> {
                if (at(pos + 1) == '*') {
                    blockComment();
                } else {
                    plain(pos + 1);
                }
            }
            default -> other(c);
        }
    }

    private void other(char c) {
        if (isDigit(c) || (c == '.' && isDigit(at(pos + 1)))) {
            plain(numberEnd(pos));
        } else if (isIdentStart(c)) {
            word(c);
        } else {
            plain(pos + 1);
        }
    }

    /** A token that needs no further thought: an operator, a number, punctuation. */
    private void plain(int end) {
        pos = end;
        tokens++;
        afterFrom = false;
    }

    private void semicolon() {
        plain(pos + 1);
        if (parenDepth == 0 && beginDepth == 0) {
            complete(pos, Ending.SEMICOLON);
        }
    }

    private void lineComment() {
        int from = pos;
        while (pos < limit && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        if (isBreakpoint(from, pos)) {
            complete(from, Ending.BREAKPOINT);
        }
    }

    private boolean isBreakpoint(int from, int to) {
        if (!text.startsWith(BREAKPOINT, from)) {
            return false;
        }
        for (int i = from + BREAKPOINT.length(); i < to; i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** An identifier or keyword, or the prefix of E'', B'', X'', N'' and U&'' literals. */
    private void word(char c) {
        char next = at(pos + 1);
        if (next == '\'' && (c == 'e' || c == 'E')) {
            quoted(pos, 2, Quote.ESCAPE_STRING);
        } else if (next == '\'' && (c == 'b' || c == 'B' || c == 'x' || c == 'X')) {
            quoted(pos, 2, Quote.BIT_STRING);
        } else if (next == '\'' && (c == 'n' || c == 'N')) {
            quoted(pos, 2, plainString());
        } else if (next == '&' && (c == 'u' || c == 'U')) {
            char quote = at(pos + 2);
            if (quote == '\'' || quote == '"') {
                quoted(pos, 3, quote == '"' ? Quote.IDENTIFIER : Quote.STRING);
            } else {
                plain(pos + 1); // psql's {xufailed}: the u alone, not an identifier
            }
        } else {
            int end = pos + 1;
            while (end < length && isIdentCont(text.charAt(end))) {
                end++;
            }
            identifier(pos, end);
        }
    }

    /** How a plain {@code '...'} string is lexed here: with backslash escapes when the script turned them on. */
    private Quote plainString() {
        if (settingFrom >= 0 && pos >= settingFrom) {
            standardStrings = nextStandardStrings;
            settingFrom = -1;
        }
        return standardStrings ? Quote.STRING : Quote.NONSTANDARD_STRING;
    }

    private void identifier(int from, int to) {
        boolean wasAfterFrom = afterFrom;
        plain(to);
        if (tokens == 1) {
            copy = is(from, to, "copy");
            setting = is(from, to, "set") || is(from, to, "reset");
        }
        if (copy && parenDepth == 0) {
            // The server takes COPY ... FROM STDOUT as FROM STDIN, and psql follows it.
            copyIn |= wasAfterFrom && (is(from, to, "stdin") || is(from, to, "stdout"));
            afterFrom = is(from, to, "from");
        }
        countBlocks(from, to);
    }

    /**
     * psql's heuristic for SQL-standard routine bodies: within a statement starting CREATE [OR REPLACE]
     * FUNCTION|PROCEDURE, BEGIN and (inside a BEGIN) CASE open a block that END closes, and a
     * {@code ;} inside a block does not end the statement. Copied as is, quirks included.
     */
    private void countBlocks(int from, int to) {
        if (identifierCount == 0) {
            Arrays.fill(identifiers, '\0');
        }
        if (identifierCount < identifiers.length) {
            for (String w : ROUTINE_WORDS) {
                if (is(from, to, w)) {
                    identifiers[identifierCount] = w.charAt(0);
                }
            }
        }
        identifierCount++;
        if (parenDepth > 0 || !definesRoutine()) {
            return;
        }
        if (is(from, to, "begin")) {
            beginDepth++;
        } else if (is(from, to, "case") && beginDepth >= 1) {
            beginDepth++;
        } else if (is(from, to, "end") && beginDepth > 0) {
            beginDepth--;
        }
    }

    private boolean definesRoutine() {
        char[] w = identifiers;
        return w[0] == 'c' && (w[1] == 'f' || w[1] == 'p'
                || (w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p')));
    }

    private void quoted(int open, int prefix, Quote quote) {
        pos = open + prefix;
        while (more()) {
            char c = text.charAt(pos);
            if (c == quote.closer) {
                if (at(pos + 1) != quote.closer || !quote.doubles) {
                    plain(pos + 1);
                    return;
                }
                pos += 2;
            } else {
                pos += c == '\\' && quote.backslashes ? 2 : 1;
            }
        }
        throw unterminated(open, quote.what + " " + text.substring(open, open + prefix),
                String.valueOf(quote.closer), quote.hint);
    }

    private void dollar() {
        if (isDigit(at(pos + 1))) {
            plain(junkEnd(digitsEnd(pos + 1))); // $1, a parameter, with any junk psql glues to it
            return;
        }
        int end = pos + 1;
        if (isIdentStart(at(end))) {
            end++;
            while (end < length && isTagCont(text.charAt(end))) {
                end++;
            }
        }
        if (at(end) != '$') {
            plain(pos + 1); // a lone $: what follows is lexed on its own, as psql does
            return;
        }
        dollarQuoted(pos, text.substring(pos, end + 1));
    }

    private void dollarQuoted(int open, String tag) {
        pos = open + tag.length();
        while (true) {
            int close = text.indexOf(tag, pos);
            if (close >= 0 && close < limit) {
                plain(close + tag.length());
                return;
            }
            if (limit >= length) {
                throw unterminated(open, "dollar-quoted string " + tag, tag, "");
            }
            pos = limit;
            more();
        }
    }

    /** Block comments nest in PostgreSQL, unlike in the SQL standard. */
    private void blockComment() {
        int open = pos;
        int depth = 0;
        pos += 2;
        while (more()) {
            char c = text.charAt(pos);
            if (c == '*') {
                while (pos < limit && text.charAt(pos) == '*') {
                    pos++;
                }
                if (pos < limit && text.charAt(pos) == '/') {
                    pos++;
                    if (depth-- == 0) {
                        return;
                    }
                }
            } else if (c == '/' && at(pos + 1) == '*') {
                depth++;
                pos += 2;
            } else {
                pos++;
            }
        }
        String hint = depth == 0 ? "" : " (it holds " + depth + " more /* still open: block comments nest,"
                + " so each /* needs its own */)";
        throw unterminated(open, "block comment /*", "*/", hint);
    }

    /**
     * The end of a number and of any identifier characters glued to it, which psql 15 takes as one
     * token ("trailing junk"): {@code 1e'\'} is a number followed by a plain string, not an E'' string.
     */
    private int numberEnd(int from) {
        int p = digitsEnd(from);
        if (p > from && at(p) == '.' && at(p + 1) != '.') {
            p = digitsEnd(p + 1);
        } else if (p == from && at(p) == '.') {
            p = digitsEnd(p + 1);
        }
        if (at(p) == 'e' || at(p) == 'E') {
            int q = at(p + 1) == '+' || at(p + 1) == '-' ? p + 2 : p + 1;
            if (isDigit(at(q))) {
                p = digitsEnd(q);
            } else if (q == p + 2) {
                return q; // psql's {realfail}: the sign is taken, so "1e--" holds no comment
            }
        }
        return junkEnd(p);
    }

    private int junkEnd(int from) {
        int p = from;
        if (isIdentStart(at(p))) {
            p++;
            while (p < length && isIdentCont(text.charAt(p))) {
                p++;
            }
        }
        return p;
    }

    private int digitsEnd(int from) {
        int p = from;
        while (isDigit(at(p))) {
            p++;
        }
        return p;
    }

    /**
     * The end of the script: psql sends what its buffer holds, even comments only, as it is but for the
     * newline that ends the file's last line.
     */
    private void completeAtEnd() {
        if (start >= 0) {
            complete(length, Ending.END_OF_SCRIPT);
        }
    }

    /** How a statement ends. */
    private enum Ending { SEMICOLON, BREAKPOINT, END_OF_SCRIPT }

    /** Ends the statement being collected at {@code end}, by its {@code ;}, a breakpoint or the end of the script. */
    private void complete(int end, Ending ending) {
        if (start < 0) {
            return;
        }
        String sql = carried.isEmpty() ? text.substring(segment, end)
                : carried.append(text, segment, end).toString();
        Position at = locate(start);
        boolean copies = copyIn;
        int copyStart = start;
        boolean keep = ending != Ending.BREAKPOINT || tokens > 0;
        List<Integer> drops = dropped.isEmpty() ? List.of() : List.copyOf(dropped);
        boolean set = setting && readCopyData;
        reset();
        if (!keep) {
            return;
        }
        if (ending == Ending.BREAKPOINT) {
            sql = stripTrailingSpace(sql);
        } else if (ending == Ending.END_OF_SCRIPT && sql.endsWith("\n")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        if (set) {
            SetStatement.standardConformingStrings(sql).ifPresent(on -> {
                if (settingFrom >= 0 && end >= settingFrom) {
                    standardStrings = nextStandardStrings; // an earlier SET already holds on this line
                }
                nextStandardStrings = on;
                settingFrom = lineAfter(end);
            });
        }
        String data = copies && readCopyData ? copyData(copyStart) : "";
        copyInSeen |= copies;
        statements.add(new SqlStatement(at.line(), at.column(), sql, data, drops));
    }

    private void reset() {
        start = -1;
        carried.setLength(0);
        tokens = 0;
        copy = false;
        afterFrom = false;
        copyIn = false;
        setting = false;
        dropped.clear();
        parenDepth = 0;
        beginDepth = 0;
        identifierCount = 0;
    }

    /** The lines after the COPY's line up to its {@code \.} line, which lexing then steps over. */
    private String copyData(int copyStart) {
        int from = limit < length ? resume : lineAfter(pos);
        int line = from;
        while (line < length) {
            int newline = text.indexOf('\n', line);
            int end = newline < 0 ? length : newline;
            if (isEndOfCopy(line, end)) {
                limit = Math.min(limit, from);
                resume = newline < 0 ? length : newline + 1;
                return text.substring(from, line);
            }
            line = end + 1;
        }
        throw unterminated(copyStart, "COPY ... FROM stdin data", "a line holding only \\.", "");
    }

    private int lineAfter(int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? length : newline + 1;
    }

    /** psql ends COPY data at a line that is exactly {@code \.}, with either line ending. */
    private boolean isEndOfCopy(int line, int end) {
        int n = end - line;
        return (n == 2 || (n == 3 && text.charAt(line + 2) == '\r'))
                && text.charAt(line) == '\\' && text.charAt(line + 1) == '.';
    }

    private SqlSyntaxException metaCommand() {
        // Named as psql names it: a run of letters (\set, \gset, \connect) or one other character (\;, \!).
        int end = pos + 1;
        while (end < length && isAsciiLetter(text.charAt(end))) {
            end++;
        }
        end = end == pos + 1 && end < length && !isSpace(text.charAt(end)) ? end + 1 : end;
        Position at = locate(pos);
        return new SqlSyntaxException(SqlSyntaxException.META_COMMAND, source.name(), at.line(), at.column(),
                "psql meta-command " + text.substring(pos, end) + " is not SQL; migrations must be plain SQL"
                        + " that any client can send: replace it with SQL or remove it");
    }

    private SqlSyntaxException unterminated(int open, String what, String closer, String hint) {
        Position at = locate(open);
        return new SqlSyntaxException(SqlSyntaxException.UNTERMINATED, source.name(), at.line(), at.column(),
                "unterminated " + what + " opened here; close it with " + closer
                        + " before the end of the file" + hint);
    }

    /** The line and column of {@code index} in the file. */
    private Position locate(int index) {
        if (index < cursor) {
            cursor = origin;
            cursorLine = source.firstLine();
            cursorColumn = 1;
        }
        for (; cursor < index; cursor++) {
            char c = text.charAt(cursor);
            if (c == '\n') {
                cursorLine++;
                cursorColumn = 1;
            } else if (!Character.isLowSurrogate(c)) {
                cursorColumn++;
            }
        }
        return new Position(cursorLine, cursorColumn);
    }

    private boolean is(int from, int to, String lowerCaseWord) {
        if (to - from != lowerCaseWord.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            // ASCII folding only, as psql's pg_strcasecmp.
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerCaseWord.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    private char at(int index) {
        return index < length ? text.charAt(index) : '\0';
    }

    private static String stripTrailingSpace(String sql) {
        int end = sql.length();
        while (end > 0 && isSpace(sql.charAt(end - 1))) {
            end--;
        }
        return sql.substring(0, end);
    }

    /** psql's {space}; other Unicode spaces are identifier characters to it, as their bytes are. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentStart(char c) {
        return isAsciiLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isTagCont(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isIdentCont(char c) {
        return isTagCont(c) || c == '$';
    }

    private record Position(int line, int column) {
    }

    /** The kinds of quoted token and how each one is closed. */
    private enum Quote {
        STRING("quoted string", '\'', true, false, " (write '' for a quote inside it)"),
        NONSTANDARD_STRING("quoted string", '\'', true, true, " (standard_conforming_strings is off, so a"
                + " backslash escapes the next character and \\' does not close it)"),
        ESCAPE_STRING("escape string", '\'', true, true,
                " (in an E'' string a backslash escapes the next character, so \\' does not close it)"),
        BIT_STRING("bit-string literal", '\'', false, false, ""),
        IDENTIFIER("quoted identifier", '"', true, false, " (write \"\" for a quote inside it)");

        final String what;
        final char closer;
        final boolean doubles;
        final boolean backslashes;
        final String hint;

        Quote(String what, char closer, boolean doubles, boolean backslashes, String hint) {
            this.what = what;
            this.closer = closer;
            this.doubles = doubles;
            this.backslashes = backslashes;
            this.hint = hint;
        }
    }
}

package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.error.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlSplitterTest {

    private static final String FILE = "db/migrations/003_users.sql";

    static Stream<Arguments> statements() {
        return Stream.of(
                // Where statements start and end
                arguments("two statements", "SELECT 1;\nSELECT 2;\n", List.of("SELECT 1;", "SELECT 2;")),
                arguments("two on one line", "SELECT 1; SELECT 2;", List.of("SELECT 1;", "SELECT 2;")),
                arguments("no space between", "SELECT 1;SELECT 2;", List.of("SELECT 1;", "SELECT 2;")),
                arguments("text after the last ; is a statement", "SELECT 1;\nSELECT 2\n",
                        List.of("SELECT 1;", "SELECT 2")),
                arguments("a final statement keeps its trailing comment and whitespace, not empty lines nor the last newline",
                        "SELECT 2 -- why\n\n  \n", List.of("SELECT 2 -- why\n  ")),
                arguments("with CRLF no line is empty to psql, and only the last LF goes", "SELECT 2\r\n\r\n",
                        List.of("SELECT 2\r\n\r")),
                arguments("whitespace-only tail is nothing", "SELECT 1;\n  \n\t\n", List.of("SELECT 1;")),
                arguments("a comment-only tail is sent, as psql does", "SELECT 1;\n-- bye\n/* bye */\n\n-- end\n",
                        List.of("SELECT 1;", "/* bye */\n-- end")),
                arguments("but line comments alone are not", "SELECT 1;\n-- bye\n", List.of("SELECT 1;")),
                arguments("empty text", "", List.of()),
                arguments("only comments", "-- a\n/* b */\n", List.of("/* b */")),
                arguments("leading line comments are not sent", "-- header\n  -- more\n\nSELECT 1;",
                        List.of("SELECT 1;")),
                arguments("a leading block comment is sent", "/* why */\nSELECT 1;", List.of("/* why */\nSELECT 1;")),
                arguments("inner comments are kept, empty lines are not", "SELECT 1\n\n  -- c ;\n\n\n, 2;",
                        List.of("SELECT 1\n  -- c ;\n, 2;")),
                arguments("empty lines in quotes and comments are kept", "SELECT 'a\n\nb', $$\n\n$$ /* \n\n */\n\n;",
                        List.of("SELECT 'a\n\nb', $$\n\n$$ /* \n\n */\n;")),
                arguments("an empty line after a closed string is dropped", "SELECT 'a'\n\n'b';",
                        List.of("SELECT 'a'\n'b';")),
                arguments("CRLF is kept inside", "SELECT 1\r\n, 2;\r\nSELECT 3;\r\n",
                        List.of("SELECT 1\r\n, 2;", "SELECT 3;")),
                arguments("a lone ; is sent, as psql does", "SELECT 1;;\n/* c */ ;",
                        List.of("SELECT 1;", ";", "/* c */ ;")),
                arguments("a byte order mark is skipped", "\uFEFFSELECT 1;", List.of("SELECT 1;")),
                arguments("a vertical tab is not psql whitespace", "\u000BSELECT 1;", List.of("\u000BSELECT 1;")),

                // Quotes
                arguments("plain strings", "SELECT 'a;b'; SELECT 'it''s;';", List.of("SELECT 'a;b';", "SELECT 'it''s;';")),
                arguments("a backslash is literal in a plain string", "SELECT 'C:\\'; SELECT 2;",
                        List.of("SELECT 'C:\\';", "SELECT 2;")),
                arguments("E strings escape with backslashes", "SELECT E'\\';', e'\\\\'; SELECT 2;",
                        List.of("SELECT E'\\';', e'\\\\';", "SELECT 2;")),
                arguments("U&, B, X and N strings", "SELECT U&'a;', B'1;', X'f;', N'n;'; SELECT 2;",
                        List.of("SELECT U&'a;', B'1;', X'f;', N'n;';", "SELECT 2;")),
                arguments("a doubled quote in a bit string reopens a plain string", "SELECT B'1''\\'; SELECT 2;",
                        List.of("SELECT B'1''\\';", "SELECT 2;")),
                arguments("quoted identifiers", "SELECT 1 AS \"a;\"\"b\"; SELECT 2;",
                        List.of("SELECT 1 AS \"a;\"\"b\";", "SELECT 2;")),
                arguments("U& identifiers", "SELECT U&\"a;\"; SELECT 2;", List.of("SELECT U&\"a;\";", "SELECT 2;")),
                arguments("u& without a quote", "SELECT u&1; SELECT 2;", List.of("SELECT u&1;", "SELECT 2;")),
                arguments("a letter glued to a word is no prefix", "SELECT type'a\\'; SELECT 2;",
                        List.of("SELECT type'a\\';", "SELECT 2;")),
                arguments("psql 15 glues letters to numbers: 1e'' is a plain string", "SELECT 1e'\\'; SELECT 2;",
                        List.of("SELECT 1e'\\';", "SELECT 2;")),
                arguments("and to parameters", "SELECT $1e'\\'; SELECT 2;", List.of("SELECT $1e'\\';", "SELECT 2;")),
                arguments("but a parameter takes no decimals", "SELECT $1.e'\\'; x'; SELECT 2;",
                        List.of("SELECT $1.e'\\'; x';", "SELECT 2;")),
                arguments("but after 1.. the e starts an E string", "SELECT 1..e'\\'; x'; SELECT 2;",
                        List.of("SELECT 1..e'\\'; x';", "SELECT 2;")),
                arguments("1e- takes the sign, so no comment starts", "SELECT 1e--1; SELECT 2;",
                        List.of("SELECT 1e--1;", "SELECT 2;")),
                arguments("psql never continues a string on the next line", "SELECT E'a'\n'b\\'; SELECT 2;",
                        List.of("SELECT E'a'\n'b\\';", "SELECT 2;")),

                // Dollar quotes
                arguments("$$", "SELECT $$a;b$$; SELECT 2;", List.of("SELECT $$a;b$$;", "SELECT 2;")),
                arguments("another tag nests", "SELECT $fn$ x $inner$ ; $inner$ $$ ; $$ $fn$; SELECT 2;",
                        List.of("SELECT $fn$ x $inner$ ; $inner$ $$ ; $$ $fn$;", "SELECT 2;")),
                arguments("a near miss of the tag does not close", "SELECT $a$ $ab$ ; $b$a$; SELECT 2;",
                        List.of("SELECT $a$ $ab$ ; $b$a$;", "SELECT 2;")),
                arguments("$1 is a parameter", "PREPARE p AS SELECT $1; SELECT $2;",
                        List.of("PREPARE p AS SELECT $1;", "SELECT $2;")),
                arguments("a quote right after a parameter", "SELECT $1$a$ ; $a$; SELECT 2;",
                        List.of("SELECT $1$a$ ; $a$;", "SELECT 2;")),
                arguments("$ inside identifiers", "SELECT a$$b; SELECT c$d$;", List.of("SELECT a$$b;", "SELECT c$d$;")),
                arguments("tags hold digits and underscores", "SELECT $_1$ ; $_1$; SELECT 2;",
                        List.of("SELECT $_1$ ; $_1$;", "SELECT 2;")),
                arguments("$abc without a closing $ is no tag", "SELECT $abc ; SELECT 2;",
                        List.of("SELECT $abc ;", "SELECT 2;")),
                arguments("non-ASCII tags", "SELECT $é$ ; $é$; SELECT 2;", List.of("SELECT $é$ ; $é$;", "SELECT 2;")),

                // Comments
                arguments("block comments nest", "SELECT 1 /* a /* b ; */ c ; */; SELECT 2;",
                        List.of("SELECT 1 /* a /* b ; */ c ; */;", "SELECT 2;")),
                arguments("a line comment hides quotes", "SELECT 1 -- it's ; \n; SELECT 2;",
                        List.of("SELECT 1 -- it's ; \n;", "SELECT 2;")),
                arguments("a line comment ends at a lone CR", "SELECT 1 -- c\r; SELECT 2;",
                        List.of("SELECT 1 -- c\r;", "SELECT 2;")),
                arguments("a comment starts inside an operator", "SELECT 1 +/* ; */ 2; SELECT 3;",
                        List.of("SELECT 1 +/* ; */ 2;", "SELECT 3;")),
                arguments("quotes inside comments do not open", "SELECT 1 /* ' \" $$ */; SELECT 2;",
                        List.of("SELECT 1 /* ' \" $$ */;", "SELECT 2;")),
                arguments("*/* closes", "SELECT 1 /* a */* 2; SELECT 3;", List.of("SELECT 1 /* a */* 2;", "SELECT 3;")),

                // Parentheses
                arguments("a rule with several actions",
                        "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2););\nSELECT 2;",
                        List.of("CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2););",
                                "SELECT 2;")),
                arguments("a stray ) does not go below zero", "SELECT 1); SELECT 2;", List.of("SELECT 1);", "SELECT 2;")),
                arguments("an unclosed ( runs to the end, as psql sends it", "SELECT (1; SELECT 2;",
                        List.of("SELECT (1; SELECT 2;")),

                // BEGIN ATOMIC
                arguments("a routine body",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3;",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
                                "SELECT 3;")),
                arguments("CASE inside a body",
                        "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; "
                                + "SELECT 2; END;\nSELECT 3;",
                        List.of("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 "
                                + "END; SELECT 2; END;", "SELECT 3;")),
                arguments("lower case",
                        "create or replace function f() returns int language sql begin atomic select 1; end;select 2;",
                        List.of("create or replace function f() returns int language sql begin atomic select 1; end;",
                                "select 2;")),
                arguments("a transaction BEGIN is a statement", "BEGIN;\nINSERT INTO t VALUES (1);\nEND;\n",
                        List.of("BEGIN;", "INSERT INTO t VALUES (1);", "END;")),
                arguments("CASE in a transaction", "BEGIN; SELECT CASE WHEN true THEN 1 END; END;",
                        List.of("BEGIN;", "SELECT CASE WHEN true THEN 1 END;", "END;")),
                arguments("RETURN CASE outside a block",
                        "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END; SELECT 2;",
                        List.of("CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END;",
                                "SELECT 2;")),
                arguments("a PL/pgSQL body in dollar quotes",
                        "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$; SELECT 2;",
                        List.of("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$;",
                                "SELECT 2;")),
                arguments("BEGIN in a CREATE TABLE is just a word", "CREATE TABLE t (begin int); SELECT 2;",
                        List.of("CREATE TABLE t (begin int);", "SELECT 2;")),
                arguments("psql quirk: a bare begin in a CREATE FUNCTION opens a block that nothing closes",
                        "CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN begin; SELECT 2;",
                        List.of("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN begin; SELECT 2;")),

                // drizzle-kit
                arguments("breakpoint after ;", "CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE TABLE b (id int);",
                        List.of("CREATE TABLE a (id int);", "CREATE TABLE b (id int);")),
                arguments("breakpoint without ;", "CREATE TABLE a (id int)\n--> statement-breakpoint\nCREATE TABLE b (id int)\n",
                        List.of("CREATE TABLE a (id int)", "CREATE TABLE b (id int)")),
                arguments("breakpoint glued to ;", "CREATE TABLE a (id int);--> statement-breakpoint\r\nSELECT 2;",
                        List.of("CREATE TABLE a (id int);", "SELECT 2;")),
                arguments("another --> comment is a comment", "SELECT 1 --> not a breakpoint\n;",
                        List.of("SELECT 1 --> not a breakpoint\n;")),

                // Backslashes that are not meta-commands
                arguments("backslashes inside quotes, comments and identifiers",
                        "SELECT E'\\\\i', '\\set', $$\\c$$, \"\\x\" /* \\i */; -- \\echo\nSELECT 2;",
                        List.of("SELECT E'\\\\i', '\\set', $$\\c$$, \"\\x\" /* \\i */;", "SELECT 2;")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void splitsAsPsqlDoes(String name, String text, List<String> expected) {
        assertThat(sqls(text)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> standardStrings() {
        return Stream.of(
                arguments("SET ... = off: backslashes escape in plain strings from the next line",
                        "SET standard_conforming_strings = off;\nSELECT 'a\\';', N'b\\'';\nSELECT 2;",
                        List.of("SET standard_conforming_strings = off;", "SELECT 'a\\';', N'b\\'';", "SELECT 2;")),
                arguments("not on the line of the SET itself, which psql lexed before sending it",
                        "set standard_conforming_strings to off; SELECT 'C:\\'; SELECT 2;",
                        List.of("set standard_conforming_strings to off;", "SELECT 'C:\\';", "SELECT 2;")),
                arguments("SESSION, LOCAL, quoted values and prefixes",
                        "SET LOCAL standard_conforming_strings TO 'of';\nSELECT '\\'';\n"
                                + "SET SESSION standard_conforming_strings = tr;\nSELECT 'C:\\';",
                        List.of("SET LOCAL standard_conforming_strings TO 'of';", "SELECT '\\'';",
                                "SET SESSION standard_conforming_strings = tr;", "SELECT 'C:\\';")),
                arguments("RESET, RESET ALL and DEFAULT turn it back on",
                        "SET standard_conforming_strings = 0;\nRESET standard_conforming_strings;\nSELECT 'C:\\';\n"
                                + "SET standard_conforming_strings = no;\nRESET ALL;\nSELECT 'D:\\';\n"
                                + "SET standard_conforming_strings = false;\nSET standard_conforming_strings TO DEFAULT;\n"
                                + "SELECT 'E:\\';",
                        List.of("SET standard_conforming_strings = 0;", "RESET standard_conforming_strings;",
                                "SELECT 'C:\\';", "SET standard_conforming_strings = no;", "RESET ALL;",
                                "SELECT 'D:\\';", "SET standard_conforming_strings = false;",
                                "SET standard_conforming_strings TO DEFAULT;", "SELECT 'E:\\';")),
                arguments("other settings and E'' strings are unaffected",
                        "SET search_path = off;\nSELECT 'C:\\', E'\\'';",
                        List.of("SET search_path = off;", "SELECT 'C:\\', E'\\'';")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standardStrings")
    void followsStandardConformingStringsAsPsqlDoes(String name, String text, List<String> expected) {
        assertThat(sqls(text)).containsExactlyElementsOf(expected);
    }

    @Test
    void plainStringsWithBackslashesAreNoMetaCommandOnceStandardStringsAreOff() {
        String text = "SET standard_conforming_strings = off;\nSELECT 'a\\\\b\\'c' AS x;\nSELECT '\\\\';\n";
        assertThat(sqls(text)).containsExactly("SET standard_conforming_strings = off;", "SELECT 'a\\\\b\\'c' AS x;",
                "SELECT '\\\\';");
        assertThatThrownBy(() -> sqls(text.replace("= off", "= on"))).isInstanceOf(SqlSyntaxException.class);
    }

    @Test
    void emptyLinesLeftOutAreRecordedSoPositionsMapOntoTheFile() {
        List<SqlStatement> s = split("SELECT 1\n\n\nFROM t\n\n;\nCOPY t FROM stdin; SELECT\n1\n2\n\\.\nx;", 1);
        assertThat(s.get(0).sql()).isEqualTo("SELECT 1\nFROM t\n;");
        assertThat(s.get(0).droppedLines()).containsExactly(9, 9, 16);
        assertThat(s.get(2).sql()).isEqualTo("SELECT\nx;");
        assertThat(s.get(2).droppedLines()).as("two data lines and the \\. line").containsExactly(7, 7, 7);
    }

    @Test
    void commentOnlyStatementsAreEmptyAndAScriptOfThemHasNoStatements() {
        List<SqlStatement> s = split("/* a */ -- b\n;\n/* c /* nested */ */\n-- d", 1);
        assertThat(s).extracting(SqlStatement::isEmpty).containsExactly(true, true);
        assertThat(SqlSplitter.hasStatements(new SqlSource(FILE, "-- a\n/* b */\n;\n", 1))).isFalse();
        assertThat(SqlSplitter.hasStatements(new SqlSource(FILE, "/* a */ SELECT 1", 1))).isTrue();
        assertThat(split("SELECT '--';", 1).get(0).isEmpty()).isFalse();
    }

    static Stream<Arguments> copies() {
        return Stream.of(
                arguments("FROM STDOUT is FROM STDIN to the server, and so to psql",
                        "COPY t FROM STDOUT;\n1\t\\.x\n\\.\ncopy t (a) from stdout with (format csv);\n'a\n\\.\n",
                        List.of("COPY t FROM STDOUT;", "copy t (a) from stdout with (format csv);"),
                        List.of("1\t\\.x\n", "'a\n")),
                arguments("data", "COPY t FROM stdin;\n1\tA;\n2\t'b' $$ /* --\n\\.\nSELECT 2;\n",
                        List.of("COPY t FROM stdin;", "SELECT 2;"), List.of("1\tA;\n2\t'b' $$ /* --\n", "")),
                arguments("STDIN with options", "copy t (a) from STDIN with (format csv);\na,\"b;\nc\"\n\\.\n",
                        List.of("copy t (a) from STDIN with (format csv);"), List.of("a,\"b;\nc\"\n")),
                arguments("CRLF", "COPY t FROM stdin;\r\n1\r\n\\.\r\nSELECT 2;\r\n",
                        List.of("COPY t FROM stdin;", "SELECT 2;"), List.of("1\r\n", "")),
                arguments("no rows", "COPY t FROM stdin;\n\\.\nSELECT 2;",
                        List.of("COPY t FROM stdin;", "SELECT 2;"), List.of("", "")),
                arguments("a statement after the COPY on its line runs after the data",
                        "COPY t FROM stdin; SELECT 2;\n1\n\\.\nSELECT 3;",
                        List.of("COPY t FROM stdin;", "SELECT 2;", "SELECT 3;"), List.of("1\n", "", "")),
                arguments("a statement that spans the data", "COPY t FROM stdin; SELECT\n1\n\\.\n2;",
                        List.of("COPY t FROM stdin;", "SELECT\n2;"), List.of("1\n", "")),
                arguments("a string that spans the data", "COPY t FROM stdin; SELECT 'a\n1\n\\.\nb';",
                        List.of("COPY t FROM stdin;", "SELECT 'a\nb';"), List.of("1\n", "")),
                arguments("two COPYs on one line read their data in turn",
                        "COPY a FROM stdin; COPY b FROM stdin;\n1\n\\.\n2\n\\.\nSELECT 3;",
                        List.of("COPY a FROM stdin;", "COPY b FROM stdin;", "SELECT 3;"), List.of("1\n", "2\n", "")),
                arguments("\\. at the very end", "COPY t FROM stdin;\n1\n\\.", List.of("COPY t FROM stdin;"),
                        List.of("1\n")),
                arguments("a line that only starts with \\. is data", "COPY t FROM stdin;\n\\.x\n \\.\n\\.\n",
                        List.of("COPY t FROM stdin;"), List.of("\\.x\n \\.\n")),
                arguments("COPY TO stdout has no data", "COPY t TO stdout; SELECT 2;",
                        List.of("COPY t TO stdout;", "SELECT 2;"), List.of("", "")),
                arguments("COPY from a file has no data", "COPY t FROM '/tmp/x'; SELECT 2;",
                        List.of("COPY t FROM '/tmp/x';", "SELECT 2;"), List.of("", "")),
                arguments("only a statement that starts with COPY copies", "SELECT copy FROM stdin;\nSELECT 2;",
                        List.of("SELECT copy FROM stdin;", "SELECT 2;"), List.of("", "")),
                arguments("stdin inside parentheses is no COPY source", "COPY (SELECT 1 FROM stdin) TO stdout;",
                        List.of("COPY (SELECT 1 FROM stdin) TO stdout;"), List.of("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copies")
    void readsCopyData(String name, String text, List<String> sqls, List<String> data) {
        List<SqlStatement> statements = split(text, 1);
        assertThat(statements).extracting(SqlStatement::sql).containsExactlyElementsOf(sqls);
        assertThat(statements).extracting(SqlStatement::copyData).containsExactlyElementsOf(data);
    }

    @Test
    void knowsWhichStatementsCopyFromStdin() {
        List<SqlStatement> statements = split(
                "/* load */ COPY t FROM stdin;\n\\.\nCOPY t TO stdout;\nSELECT 'COPY t FROM stdin';\n", 1);
        assertThat(statements).extracting(SqlStatement::isCopyFromStdin).containsExactly(true, false, false);
        assertThat(new SqlStatement(1, 1, "copy t from STDIN with (format csv)", "").isCopyFromStdin()).isTrue();
        assertThat(new SqlStatement(1, 1, "SELECT 1", "").isCopyFromStdin()).isFalse();
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                arguments("lines and columns", "SELECT 1;\n  SELECT 2;\n\n\tSELECT 3;", 1, List.of("1:1", "2:3", "4:2")),
                arguments("the section's first line", "SELECT 1;\n  SELECT 2;\n\n\tSELECT 3;", 10,
                        List.of("10:1", "11:3", "13:2")),
                arguments("CRLF counts as LF does", "SELECT 1;\r\n  SELECT 2;\r\n\r\n\tSELECT 3;", 10,
                        List.of("10:1", "11:3", "13:2")),
                arguments("columns count characters, not UTF-16 units", "SELECT 'é😀'; SELECT 2;", 1,
                        List.of("1:1", "1:14")),
                arguments("a byte order mark takes no column", "\uFEFFSELECT 1; SELECT 2;", 1, List.of("1:1", "1:11")),
                arguments("after leading comments", "-- a\n-- b\nSELECT 1;", 1, List.of("3:1")),
                arguments("a leading block comment is where the statement starts", "\n  /* a */ SELECT 1;", 1,
                        List.of("2:3")),
                arguments("after COPY data", "COPY t FROM stdin;\n1\n2\n\\.\nSELECT 2;", 1, List.of("1:1", "5:1")),
                arguments("a statement after the COPY on its line", "COPY t FROM stdin;  SELECT 2;\n1\n\\.\nSELECT 3;", 1,
                        List.of("1:1", "1:21", "4:1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void reportsFilePositions(String name, String text, int firstLine, List<String> expected) {
        assertThat(split(text, firstLine)).extracting(s -> s.line() + ":" + s.column())
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("quote", "SELECT 1;\nSELECT 'abc;\n", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":2:8: unterminated quoted string ' opened here; close it with ' before the end of"
                                + " the file (write '' for a quote inside it)"),
                arguments("doubled quotes do not close", "SELECT 'it''s", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:8: unterminated quoted string ' opened here; close it with ' before the end of"
                                + " the file (write '' for a quote inside it)"),
                arguments("E string", "SELECT E'abc\\';", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:8: unterminated escape string E' opened here; close it with ' before the end of"
                                + " the file (in an E'' string a backslash escapes the next character, so \\' does"
                                + " not close it)"),
                arguments("quoted identifier", "SELECT \"abc;", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:8: unterminated quoted identifier \" opened here; close it with \" before the end"
                                + " of the file (write \"\" for a quote inside it)"),
                arguments("doubled quotes in an identifier", "SELECT \"a\"\"b", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:8: unterminated quoted identifier \" opened here; close it with \" before the end"
                                + " of the file (write \"\" for a quote inside it)"),
                arguments("bit string", "SELECT 1;\n  x'1f", 3, SqlSyntaxException.UNTERMINATED,
                        FILE + ":4:3: unterminated bit-string literal x' opened here; close it with ' before the end"
                                + " of the file"),
                arguments("dollar quote", "SELECT 1;\n\nCREATE FUNCTION f() AS $fn$\nSELECT 1 $$;\n", 10,
                        SqlSyntaxException.UNTERMINATED,
                        FILE + ":12:24: unterminated dollar-quoted string $fn$ opened here; close it with $fn$"
                                + " before the end of the file"),
                arguments("block comment", "SELECT 1 /* a /* b */;", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:10: unterminated block comment /* opened here; close it with */ before the end of"
                                + " the file"),
                arguments("nested block comment", "/* a /* b", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:1: unterminated block comment /* opened here; close it with */ before the end of"
                                + " the file (it holds 1 more /* still open: block comments nest, so each /* needs its"
                                + " own */)"),
                arguments("COPY data", "SELECT 1;\nCOPY t FROM stdin;\n1\n", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":2:1: unterminated COPY ... FROM stdin data opened here; close it with a line holding"
                                + " only \\. before the end of the file"),
                arguments("COPY at the end", "COPY t FROM stdin;", 1, SqlSyntaxException.UNTERMINATED,
                        FILE + ":1:1: unterminated COPY ... FROM stdin data opened here; close it with a line holding"
                                + " only \\. before the end of the file"),
                arguments("\\set", "SELECT 1;\n  \\set x 1\nSELECT 2;", 1, SqlSyntaxException.META_COMMAND,
                        FILE + ":2:3: psql meta-command \\set is not SQL; migrations must be plain SQL that any client"
                                + " can send: replace it with SQL or remove it"),
                arguments("\\i", "\\i other.sql", 1, SqlSyntaxException.META_COMMAND,
                        FILE + ":1:1: psql meta-command \\i is not SQL; migrations must be plain SQL that any client"
                                + " can send: replace it with SQL or remove it"),
                arguments("\\gset after a query", "SELECT 1 AS x \\gset", 1, SqlSyntaxException.META_COMMAND,
                        FILE + ":1:15: psql meta-command \\gset is not SQL; migrations must be plain SQL that any"
                                + " client can send: replace it with SQL or remove it"),
                arguments("\\connect", "SELECT 1;\n\\connect other", 1, SqlSyntaxException.META_COMMAND,
                        FILE + ":2:1: psql meta-command \\connect is not SQL; migrations must be plain SQL that any"
                                + " client can send: replace it with SQL or remove it"),
                arguments("\\; glue", "SELECT 1\\;SELECT 2;", 1, SqlSyntaxException.META_COMMAND,
                        FILE + ":1:9: psql meta-command \\; is not SQL; migrations must be plain SQL that any client"
                                + " can send: replace it with SQL or remove it"),
                arguments("a stray \\. with no COPY", "SELECT 1;\n1\t2\n\\.\n", 1, SqlSyntaxException.META_COMMAND,
                        FILE + ":3:1: psql meta-command \\. is not SQL; migrations must be plain SQL that any client"
                                + " can send: replace it with SQL or remove it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void explainsWhatIsWrongAndWhere(String name, String text, int firstLine, String code, String message) {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> split(text, firstLine));
        assertThat(e).as("thrown").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(message).startsWith(FILE + ":" + e.line() + ":" + e.column() + ": ");
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                arguments("quotes.sql", 17, "SELECT $q$ a $ b $$ c $qq$ ; $q$ AS dollars"),
                arguments("routines.sql", 20, "SELECT sq(3), classify(-1)"),
                arguments("copy.sql", 9, "SELECT count(*) FROM people"),
                arguments("layout.sql", 12, "SELECT 1 - -1, 2--3\n, 4 AS \"four\";"));
    }

    /** The psql oracle checks every statement of these; here: they split at all, CRLF alike. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void splitsTheFixtures(String fixture, int count, String last) throws IOException {
        String lf = fixture(fixture);
        List<SqlStatement> statements = split(lf, 1);
        assertThat(statements).hasSize(count);
        assertThat(statements.get(count - 1).sql()).isEqualTo(last);
        List<SqlStatement> crlf = split(lf.replace("\n", "\r\n"), 1);
        assertThat(crlf).extracting(SqlStatement::line).containsExactlyElementsOf(
                statements.stream().map(SqlStatement::line).toList());
        // With CRLF no line is empty to psql, so it keeps what it drops with LF; otherwise they agree.
        assertThat(crlf).extracting(s -> s.sql().replace("\r", "").replaceAll("\n\n+", "\n"))
                .containsExactlyElementsOf(statements.stream().map(s -> s.sql().replaceAll("\n\n+", "\n")).toList());
    }

    @Test
    void returnsAnUnmodifiableList() {
        List<SqlStatement> statements = split("SELECT 1;", 1);
        assertThatThrownBy(() -> statements.add(statements.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validatesItsValues() {
        assertThatThrownBy(() -> new SqlSource(FILE, "", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlSource(null, "", 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SqlSource(FILE, null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SqlStatement(0, 1, "SELECT 1;", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlStatement(1, 1, "SELECT 1;", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SqlSplitter.split(null)).isInstanceOf(NullPointerException.class);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = SqlSplitterTest.class.getResourceAsStream("/sql/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> sqls(String text) {
        return split(text, 1).stream().map(SqlStatement::sql).toList();
    }

    private static List<SqlStatement> split(String text, int firstLine) {
        return SqlSplitter.split(new SqlSource(FILE, text, firstLine));
    }

    static Stream<Arguments> folded() {
        return Stream.of(
                arguments("comments and whitespace fold to one space, the ; goes",
                        "ALTER  TABLE t -- why\n\tADD /* a /* nested */ one */ COLUMN a int;", "ALTER TABLE t ADD COLUMN a int"),
                arguments("literals and quoted names keep their spaces", "SELECT 'a  -- b', \"x  y\" FROM t;",
                        "SELECT 'a  -- b', \"x  y\" FROM t"),
                arguments("an E'' string ends where the server ends it", "SELECT E'it\\'s  -- no', 1;",
                        "SELECT E'it\\'s  -- no', 1"),
                arguments("a dollar quote is kept as written", "DO $x$ BEGIN  -- kept\n END $x$;",
                        "DO $x$ BEGIN  -- kept\n END $x$"),
                arguments("a parameter is not a dollar quote", "SELECT $1 ,  $2", "SELECT $1 , $2"),
                arguments("a statement that only lexes in its script has its whitespace folded",
                        "SELECT 'it\\'s\n  here';", "SELECT 'it\\'s here'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folded")
    void foldsAStatementForTheLinter(String what, String sql, String expected) {
        assertThat(SqlSplitter.fold(sql)).isEqualTo(expected);
    }
}

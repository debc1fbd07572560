package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scripts psql runs, run by Cairn against a real server: what the splitter now sends as psql does. */
class PsqlScriptsTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    @Test
    void copyFromStdoutLoadsItsInlineData() throws Exception {
        dir.write("001_copy.sql", "CREATE TABLE t (id int, note text);\nCOPY t FROM STDOUT;\n1\tone; two\n2\t\\N\n\\.\n"
                + "SELECT 1;\n");
        cairn().migrate();
        assertThat(db.column("SELECT id || ':' || coalesce(note, 'null') FROM t ORDER BY id"))
                .containsExactly("1:one; two", "2:null");
    }

    @Test
    void plainStringsFollowStandardConformingStringsOff() throws Exception {
        dir.write("001_strings.sql", "CREATE TABLE t (id int, note text);\n"
                + "SET standard_conforming_strings = off;\n"
                + "INSERT INTO t VALUES (1, 'back\\\\slash'), (2, 'it\\'s; quoted');\n"
                + "INSERT INTO t VALUES (3, 'C:\\\\');\n"
                + "RESET standard_conforming_strings;\n"
                + "INSERT INTO t VALUES (4, 'D:\\');\n");
        cairn().migrate();
        assertThat(db.column("SELECT note FROM t ORDER BY id"))
                .containsExactly("back\\slash", "it's; quoted", "C:\\", "D:\\");
    }

    @Test
    void anErrorAfterEmptyLinesIsReportedAtItsLineOfTheFile() throws Exception {
        dir.write("001_bad.sql", "CREATE TABLE a (\n\n  id int,\n\n\n  x nope\n);\n");
        assertThatThrownBy(() -> cairn().migrate()).isInstanceOf(MigrationException.class)
                .hasMessageContaining("001_bad.sql:6:5: SQLSTATE 42704");
    }

    @Test
    void aCommentOnlyTailIsSentAndDoesNotHideTheClosingCommit() throws Exception {
        dir.write("001_wrapped.sql", "BEGIN;\nCREATE TABLE w (id int);\nCOMMIT;\n/* the end */\n");
        MigrateResult r = cairn().migrate();
        assertThat(r.applied().get(0).transactional()).isTrue();
        assertThat(r.applied().get(0).statements()).as("the table, and the comment psql sends").isEqualTo(2);
        assertThat(db.relations()).contains("w");
    }
}

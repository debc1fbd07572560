package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** drizzle-kit (seed 001): {@code NNNN_tag.sql} listed in {@code meta/_journal.json}. */
class DrizzleConventionTest {

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    static String journal(String... tags) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < tags.length; i++) {
            entries.append(i == 0 ? "" : ",\n").append("    {\n      \"idx\": ").append(i)
                    .append(",\n      \"version\": \"7\",\n      \"when\": ").append(1700000000000L + i)
                    .append(",\n      \"tag\": \"").append(tags[i]).append("\",\n      \"breakpoints\": true\n    }");
        }
        return "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": ["
                + (tags.length == 0 ? "]" : "\n" + entries + "\n  ]") + "\n}";
    }

    @Test
    void readsJournalledFilesSplitAtStatementBreakpoints() throws Exception {
        dir.write("meta/_journal.json", journal("0000_initial_schema", "0001_add_user_table"));
        dir.write("meta/0000_snapshot.json", "{}");
        Path first = dir.write("0000_initial_schema.sql", """
                CREATE TABLE "users" (
                	"id" serial PRIMARY KEY NOT NULL
                );
                --> statement-breakpoint
                CREATE INDEX "users_id_idx" ON "users" USING btree ("id");""");
        dir.write("0001_add_user_table.sql", "ALTER TABLE \"users\" ADD COLUMN \"email\" text;");

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("0000_initial_schema.sql",
                "0001_add_user_table.sql");
        Migration m = d.migrations().get(0);
        assertThat(m.convention()).isEqualTo("drizzle");
        assertThat(m.version().text()).isEqualTo("0000");
        assertThat(m.description()).isEqualTo("initial schema");
        assertThat(m.up()).isEqualTo(new SqlSource(first.toString(), Files.readString(first), 1));
        assertThat(m.down()).isEmpty();
        assertThat(SqlSplitter.split(m.up())).extracting(SqlStatement::line).containsExactly(1, 5);
        assertThat(d.ignored()).extracting(i -> tmp.relativize(Path.of(i.path())).toString())
                .containsExactlyInAnyOrder("meta/_journal.json", "meta/0000_snapshot.json");
    }

    @Test
    void onlyAFolderWithAJournalIsDrizzles() {
        dir.write("drizzle/meta/_journal.json", journal("0000_a"));
        dir.write("drizzle/0000_a.sql", "SELECT 1;");
        dir.write("0001_b.sql", "SELECT 2;");

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::convention).containsExactly("drizzle", "numbered");
    }

    @Test
    void aFileMissingFromTheJournalIsAProblem() {
        dir.write("meta/_journal.json", journal("0000_a"));
        dir.write("0000_a.sql", "SELECT 1;");
        Path extra = dir.write("0001_b.sql", "SELECT 2;");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.drizzle-unlisted");
        assertThat(p.message()).isEqualTo(extra + ": is not listed in " + tmp.resolve("meta/_journal.json")
                + ", so drizzle-kit would not run it; add its entry (drizzle-kit generate and new write it),"
                + " or move the file out of this folder");
    }

    @Test
    void aJournalEntryWithoutItsFileIsAProblem() {
        dir.write("meta/_journal.json", journal("0000_a", "0001_b"));
        dir.write("0000_a.sql", "SELECT 1;");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.drizzle-missing");
        assertThat(p.message()).isEqualTo(tmp.resolve("meta/_journal.json") + ": entry idx 1 (tag \"0001_b\") has no file "
                + tmp.resolve("0001_b.sql") + "; restore the file, or remove the entry if the migration was dropped");
    }

    @Test
    void aJournalWhoseIdxOrderDisagreesWithTheNumbersIsAProblem() {
        dir.write("meta/_journal.json", journal("0001_b", "0000_a"));
        dir.write("0000_a.sql", "SELECT 1;");
        dir.write("0001_b.sql", "SELECT 2;");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.drizzle-order");
        assertThat(p.message()).contains("entry idx 1 (0000_a) comes after idx 0 (0001_b) but has a lower number");
    }

    @Test
    void aTagWithoutANumberIsAProblem() {
        dir.write("meta/_journal.json", journal("initial"));
        dir.write("initial.sql", "SELECT 1;");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.drizzle-tag");
        assertThat(p.message()).contains("entry idx 0 has tag \"initial\" without a number at its start");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"entries\": [}`                                  | :1:14: expected a value, found '}'",
            "`[]`                                                | : the journal must be an object with an \"entries\" array",
            "`{\"entries\": {}}`                                 | : the journal must be an object with an \"entries\" array",
            "`{\"entries\": [1]}`                                | : entries[0] must be an object",
            "`{\"entries\": [{\"tag\": \"0000_a\"}]}`            | : entries[0] needs \"idx\", a whole number 0 or more",
            "`{\"entries\": [{\"idx\": -1, \"tag\": \"0000_a\"}]}` | : entries[0] needs \"idx\", a whole number 0 or more",
            "`{\"entries\": [{\"idx\": 0.5, \"tag\": \"0000_a\"}]}` | : entries[0] needs \"idx\", a whole number 0 or more",
            "`{\"entries\": [{\"idx\": 0}]}`                     | : entries[0] needs \"tag\", the file name without .sql",
            "`{\"entries\": [{\"idx\": 0, \"tag\": \"0000_a\"}, {\"idx\": 0, \"tag\": \"0001_b\"}]}` | : entries[1] repeats idx 0",
            "`{\"entries\": [{\"idx\": 0, \"tag\": \"0000_a\"}, {\"idx\": 1, \"tag\": \"0000_a\"}]}` | : entries[1] repeats tag \"0000_a\"",
    })
    void aMalformedJournalIsOneProblemNamingIt(String json, String message) {
        dir.write("meta/_journal.json", json);
        dir.write("0000_a.sql", "SELECT 1;");
        dir.write("0001_b.sql", "SELECT 2;");

        Discovery d = dir.scan();

        assertThat(d.problems()).hasSize(1);
        assertThat(d.problems().get(0).code()).isEqualTo("file.drizzle-journal");
        assertThat(d.problems().get(0).message()).startsWith(tmp.resolve("meta/_journal.json") + message);
        assertThat(d.migrations()).extracting(Migration::convention).containsOnly("drizzle");
    }

    @Test
    void aGooseFileInADrizzleFolderIsAmbiguous() {
        dir.write("meta/_journal.json", journal("0000_a"));
        dir.write("0000_a.sql", "-- +goose Up\nSELECT 1;");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.ambiguous");
        assertThat(p.message()).contains("(drizzle and goose)");
    }

    @Test
    void appendsAnEntryKeepingTheJournalsFieldsAndIndentation() throws Exception {
        dir.write("meta/_journal.json", journal("0000_a") + "\n");

        DrizzleJournal.append(tmp, "0001_add_orders", Instant.ofEpochMilli(1710000000000L));

        assertThat(Files.readString(tmp.resolve("meta/_journal.json"))).isEqualTo("""
                {
                  "version": "7",
                  "dialect": "postgresql",
                  "entries": [
                    {
                      "idx": 0,
                      "version": "7",
                      "when": 1700000000000,
                      "tag": "0000_a",
                      "breakpoints": true
                    },
                    {
                      "idx": 1,
                      "version": "7",
                      "when": 1710000000000,
                      "tag": "0001_add_orders",
                      "breakpoints": true
                    }
                  ]
                }
                """);
    }

    @Test
    void appendsToAnEmptyJournalAndKeepsATabIndentation() throws Exception {
        dir.write("meta/_journal.json", "{\n\t\"version\": \"6\",\n\t\"dialect\": \"postgresql\",\n\t\"entries\": []\n}");

        DrizzleJournal.append(tmp, "0000_init", Instant.ofEpochMilli(5));

        assertThat(Files.readString(tmp.resolve("meta/_journal.json"))).isEqualTo("{\n\t\"version\": \"6\",\n"
                + "\t\"dialect\": \"postgresql\",\n\t\"entries\": [\n\t\t{\n\t\t\t\"idx\": 0,\n\t\t\t\"version\": \"6\",\n"
                + "\t\t\t\"when\": 5,\n\t\t\t\"tag\": \"0000_init\",\n\t\t\t\"breakpoints\": true\n\t\t}\n\t]\n}");
    }

    @Test
    void appendingToAMalformedJournalNamesIt() {
        dir.write("meta/_journal.json", "{\"entries\": [,]}");

        assertThatThrownBy(() -> DrizzleJournal.append(tmp, "0000_init", Instant.EPOCH))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageStartingWith(tmp.resolve("meta/_journal.json") + ":1:14: expected a value");
    }
}

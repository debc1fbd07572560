package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Downs computed at apply time, through the library. */
class ComputedDownTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private final List<Event> events = new ArrayList<>();

    Cairn listening() {
        return Cairn.configure().url(db.url()).locations(dir.path()).listener(events::add).load();
    }

    @Test
    void onlyMigrationsWithoutADownGetOneMarkedComputedAndDataMigrationsGetNone() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .write("002_b.sql", "CREATE TABLE b (id int, note text);\n")
                .write("003_rows.sql", "INSERT INTO b VALUES (1, 'x');\n");
        listening().migrate();

        assertThat(db.scalar("SELECT down_sql FROM cairn_history WHERE version = '001'")).isEqualToIgnoringWhitespace("DROP TABLE a;");
        assertThat(db.scalar("SELECT down_sql FROM cairn_history WHERE version = '002'"))
                .startsWith("-- cairn: computed down").contains("DROP TABLE public.b;");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE version = '003' AND down_sql IS NULL"))
                .isEqualTo("1");
        assertThat(events).filteredOn(e -> e instanceof Event.DownComputed)
                .containsExactly(new Event.DownComputed("002", "002_b.sql", true, ""));

        List<RollbackRequest.Planned> plan = cairn().rollbackDryRun(new RollbackRequest.Selection.All());
        assertThat(plan).extracting(RollbackRequest.Planned::downSource).containsExactly("missing", "computed", "file");
        assertThat(plan.get(1).computed()).isTrue();
        assertThat(plan.get(1).notRestored()).isEmpty();
        assertThat(cairn().status().migrations()).extracting(StatusResult.Item::computedDown)
                .containsExactly(false, true, false);
    }

    @Test
    void aRunWithMoreThanTenMigrationsWithoutADownComputesNoneAndSaysSo() throws Exception {
        for (int i = 1; i <= ComputedDown.MAX_PER_RUN + 1; i++) {
            dir.write(String.format("%03d_t%d.sql", i, i), "CREATE TABLE t" + i + " (id int);\n");
        }
        listening().migrate();

        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE down_sql IS NOT NULL")).isEqualTo("0");
        assertThat(events).filteredOn(e -> e instanceof Event.DownComputed).singleElement()
                .satisfies(e -> assertThat(((Event.DownComputed) e).why()).isEqualTo("11 migrations without a down"
                        + " script in this run, more than 10: no down is computed for them (each costs a schema read)"));

        dir.write("012_t12.sql", "CREATE TABLE t12 (id int);\n");
        cairn().migrate();
        assertThat(db.column("SELECT version FROM cairn_history WHERE down_sql IS NOT NULL")).containsExactly("012");
    }

    @Test
    void offInTheBuilderStoresNothing() throws Exception {
        dir.write("001_a.sql", "CREATE TABLE a (id int);\n");
        withoutComputedDowns().migrate();
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE down_sql IS NULL")).isEqualTo("1");
        assertThat(withoutComputedDowns().configuration().computedDowns()).isFalse();
        assertThat(cairn().configuration().computedDowns()).isTrue();
    }
}

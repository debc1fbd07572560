package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.SchemaFixture;
import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drift on a large realistic history made by {@link SchemaFixture}: nothing is reported right after
 * migrate, and each kind of hand-made change is named. The seed is in every failure message; a
 * second run uses a new seed each time ({@code -Dcairn.fixture.seed=N} replays one).
 */
class DriftFixtureTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final int MIGRATIONS = 300;

    @Override
    TestDatabase db() {
        return db;
    }

    /** Which of the fixture's extensions the server offers; those absent are left out, saying why. */
    private Set<String> extensions() throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM pg_available_extensions"
                     + " WHERE name IN ('ltree', 'pgcrypto', 'pg_trgm')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        for (String e : List.of("ltree", "pgcrypto", "pg_trgm")) {
            if (!out.contains(e)) {
                System.out.println("DriftFixtureTest: extension " + e + " is not available on the test server"
                        + " (pg_available_extensions); the fixture is generated without it");
            }
        }
        return out;
    }

    private void migrateFixture(long seed) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS app CASCADE", "DROP SCHEMA IF EXISTS audit CASCADE",
                "DROP EXTENSION IF EXISTS ltree", "DROP EXTENSION IF EXISTS pgcrypto", "DROP EXTENSION IF EXISTS pg_trgm");
        db.reset();
        // reset() recreates public without the comment a new database's public schema has (and a scratch one).
        db.execute("COMMENT ON SCHEMA public IS 'standard public schema'");
        SchemaFixture.write(dir, SchemaFixture.generate(seed, MIGRATIONS, extensions()));
        MigrateResult m = cairn().migrate();
        assertThat(m.applied()).as("seed " + seed).hasSize(MIGRATIONS);
    }

    private static String lines(DriftResult r) {
        return String.join("\n", r.differences().stream().map(DriftResult::describe).toList());
    }

    @Test
    void aFreshlyMigratedRandomHistoryHasNoDrift() throws Exception {
        long seed = Long.getLong("cairn.fixture.seed", System.nanoTime());
        migrateFixture(seed);
        DriftResult r = cairn().drift();
        assertThat(r.differences()).as("seed " + seed + " (-Dcairn.fixture.seed=" + seed + "): " + lines(r)).isEmpty();
        assertThat(r.replayed()).isEqualTo(MIGRATIONS);
    }

    @Test
    void eachKindOfHandMadeChangeIsNamedAndNothingElse() throws Exception {
        long seed = 20261203L;
        migrateFixture(seed);
        DriftResult clean = cairn().drift();
        assertThat(clean.differences()).as("seed " + seed + ": " + lines(clean)).isEmpty();
        db.execute("CREATE SCHEMA hand", "ALTER TABLE app.accounts ADD COLUMN drift_col text",
                "ALTER TABLE app.accounts ALTER COLUMN created_at TYPE timestamp",
                "ALTER TABLE app.accounts ALTER COLUMN balance SET DEFAULT 5",
                "ALTER TABLE app.accounts ADD CONSTRAINT name_long CHECK (length(name) > 1) NOT VALID",
                "DROP INDEX app.accounts_email_live", "CREATE INDEX accounts_created ON app.accounts (created_at)",
                "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
                "ALTER TABLE app.accounts DISABLE TRIGGER accounts_touch",
                "DROP POLICY accounts_tenant ON app.accounts", "ALTER TYPE app.status ADD VALUE 'frozen'",
                "COMMENT ON TABLE app.events IS 'by hand'", "ALTER SEQUENCE app.invoice_no INCREMENT 1",
                "CREATE VIEW app.hand_view AS SELECT 1 AS one", "DROP MATERIALIZED VIEW app.balances",
                "ALTER DOMAIN app.email SET NOT NULL", "ALTER TABLE app.events_default SET UNLOGGED",
                "CREATE TABLE app.hand_table (id int)", "ALTER TABLE app.accounts FORCE ROW LEVEL SECURITY");
        List<String> named = cairn().drift().differences().stream()
                .map(d -> d.kind() + " " + d.object() + " " + d.change().label()).toList();
        assertThat(named).as("seed " + seed).contains(
                "schema hand added", "column app.accounts.drift_col added", "column app.accounts.created_at changed",
                "column app.accounts.balance changed", "constraint app.accounts.name_long added",
                "index app.accounts_email_live removed", "index app.accounts_created added",
                "function app.touch() changed", "trigger app.accounts.accounts_touch changed",
                "policy app.accounts.accounts_tenant removed", "type app.status changed", "table app.events changed",
                "sequence app.invoice_no changed", "view app.hand_view added", "materialized view app.balances removed",
                "index app.balances_tenant removed", "type app.email changed", "table app.events_default changed",
                "table app.hand_table added", "column app.hand_table.id added", "table app.accounts changed");
        assertThat(named).as("nothing but the hand-made changes, seed " + seed).hasSize(21);
    }
}

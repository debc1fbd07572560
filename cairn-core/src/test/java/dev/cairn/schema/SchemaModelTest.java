package dev.cairn.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema model read from a real PostgreSQL: every object kind round-trips, and reads are deterministic. */
class SchemaModelTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path tmp;

    @BeforeEach
    void empty() throws Exception {
        db.execute("DROP SCHEMA IF EXISTS billing CASCADE", "DROP EXTENSION IF EXISTS pg_trgm",
                "DROP TYPE IF EXISTS public.mood CASCADE", "DROP DOMAIN IF EXISTS public.pos CASCADE",
                "DROP EXTENSION IF EXISTS postgres_fdw CASCADE");
        db.reset();
        db.execute("CREATE TABLE base (id int PRIMARY KEY, name text)");
    }

    private SchemaModel model() {
        return Cairn.configure().url(db.url()).locations(tmp).load().schema();
    }

    /** kind, object, the SQL that creates it (on top of table base), the SQL that drops it. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("schema", "billing", "CREATE SCHEMA billing", "DROP SCHEMA billing"),
                Arguments.of("extension", "pg_trgm", "CREATE EXTENSION pg_trgm", "DROP EXTENSION pg_trgm"),
                Arguments.of("table", "public.t", "CREATE TABLE t (a int)", "DROP TABLE t"),
                Arguments.of("table", "public.u", "CREATE UNLOGGED TABLE u (a int)", "DROP TABLE u"),
                Arguments.of("table", "public.p_2024", "CREATE TABLE p (d date) PARTITION BY RANGE (d);"
                        + " CREATE TABLE p_2024 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                        "DROP TABLE p_2024"),
                Arguments.of("column", "public.base.extra", "ALTER TABLE base ADD COLUMN extra text COLLATE \"C\""
                        + " NOT NULL DEFAULT 'x'", "ALTER TABLE base DROP COLUMN extra"),
                Arguments.of("column", "public.base.ident", "ALTER TABLE base ADD COLUMN ident bigint GENERATED"
                        + " ALWAYS AS IDENTITY", "ALTER TABLE base DROP COLUMN ident"),
                Arguments.of("column", "public.base.twice", "ALTER TABLE base ADD COLUMN twice int GENERATED ALWAYS"
                        + " AS (id * 2) STORED", "ALTER TABLE base DROP COLUMN twice"),
                Arguments.of("constraint", "public.base.positive", "ALTER TABLE base ADD CONSTRAINT positive"
                        + " CHECK (id > 0) NOT VALID", "ALTER TABLE base DROP CONSTRAINT positive"),
                Arguments.of("constraint", "public.child.child_base_fk", "CREATE TABLE child (b int);"
                        + " ALTER TABLE child ADD CONSTRAINT child_base_fk FOREIGN KEY (b) REFERENCES base ON DELETE"
                        + " CASCADE DEFERRABLE INITIALLY DEFERRED", "ALTER TABLE child DROP CONSTRAINT child_base_fk"),
                Arguments.of("index", "public.base_name_idx", "CREATE INDEX base_name_idx ON base (lower(name))"
                        + " INCLUDE (id) WHERE name IS NOT NULL", "DROP INDEX base_name_idx"),
                Arguments.of("view", "public.v", "CREATE VIEW v AS SELECT id FROM base", "DROP VIEW v"),
                Arguments.of("materialized view", "public.mv", "CREATE MATERIALIZED VIEW mv AS SELECT id FROM base",
                        "DROP MATERIALIZED VIEW mv"),
                Arguments.of("sequence", "public.s", "CREATE SEQUENCE s INCREMENT 5 OWNED BY base.id",
                        "DROP SEQUENCE s"),
                Arguments.of("function", "public.f(a integer)", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql"
                        + " AS 'SELECT a + 1'", "DROP FUNCTION f(int)"),
                Arguments.of("procedure", "public.pr()", "CREATE PROCEDURE pr() LANGUAGE sql AS 'SELECT 1'",
                        "DROP PROCEDURE pr()"),
                Arguments.of("aggregate", "public.total(integer)", "CREATE AGGREGATE total(int) (SFUNC = int4pl,"
                        + " STYPE = int, INITCOND = '0')", "DROP AGGREGATE total(int)"),
                Arguments.of("trigger", "public.base.touch", "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql"
                        + " AS 'BEGIN RETURN NEW; END'; CREATE TRIGGER touch BEFORE UPDATE ON base FOR EACH ROW"
                        + " EXECUTE FUNCTION tg()", "DROP TRIGGER touch ON base"),
                Arguments.of("type", "public.mood", "CREATE TYPE mood AS ENUM ('sad', 'ok')", "DROP TYPE mood"),
                Arguments.of("type", "public.pair", "CREATE TYPE pair AS (a int, b text)", "DROP TYPE pair"),
                Arguments.of("type", "public.pos", "CREATE DOMAIN pos AS int CHECK (VALUE > 0)", "DROP DOMAIN pos"),
                Arguments.of("type", "public.floatr", "CREATE TYPE floatr AS RANGE (subtype = float8)",
                        "DROP TYPE floatr"),
                Arguments.of("policy", "public.base.own", "ALTER TABLE base ENABLE ROW LEVEL SECURITY;"
                        + " CREATE POLICY own ON base FOR SELECT USING (id > 0)", "DROP POLICY own ON base"),
                Arguments.of("table", "public.base", "COMMENT ON TABLE base IS 'the base'",
                        "COMMENT ON TABLE base IS NULL"),
                Arguments.of("column", "public.base.name", "COMMENT ON COLUMN base.name IS 'who'",
                        "COMMENT ON COLUMN base.name IS NULL"),
                Arguments.of("table", "public.heir", "CREATE TABLE heir (extra int) INHERITS (base)",
                        "DROP TABLE heir"),
                Arguments.of("table", "public.p", "CREATE TABLE p (d date) PARTITION BY LIST (d)", "DROP TABLE p"),
                Arguments.of("table", "public.base", "ALTER TABLE base ENABLE ROW LEVEL SECURITY",
                        "ALTER TABLE base DISABLE ROW LEVEL SECURITY"),
                Arguments.of("table", "public.base", "ALTER TABLE base ENABLE ROW LEVEL SECURITY;"
                        + " ALTER TABLE base FORCE ROW LEVEL SECURITY", "ALTER TABLE base NO FORCE ROW LEVEL SECURITY"),
                Arguments.of("column", "public.base.name", "ALTER TABLE base ALTER COLUMN name SET NOT NULL",
                        "ALTER TABLE base ALTER COLUMN name DROP NOT NULL"),
                Arguments.of("constraint", "public.base.base_name_key", "ALTER TABLE base ADD UNIQUE (name)",
                        "ALTER TABLE base DROP CONSTRAINT base_name_key"),
                Arguments.of("constraint", "public.base.no_overlap", "ALTER TABLE base ADD CONSTRAINT no_overlap"
                        + " EXCLUDE USING btree (name WITH =)", "ALTER TABLE base DROP CONSTRAINT no_overlap"),
                Arguments.of("constraint", "public.base.named", "ALTER TABLE base ADD CONSTRAINT named CHECK"
                        + " (name <> ''); COMMENT ON CONSTRAINT named ON base IS 'why'",
                        "COMMENT ON CONSTRAINT named ON base IS NULL"),
                Arguments.of("index", "public.base_id_hash", "CREATE INDEX base_id_hash ON base USING hash (id);"
                        + " COMMENT ON INDEX base_id_hash IS 'fast'", "COMMENT ON INDEX base_id_hash IS NULL"),
                Arguments.of("index", "public.mv_id", "CREATE MATERIALIZED VIEW mv AS SELECT id FROM base;"
                        + " CREATE UNIQUE INDEX mv_id ON mv (id)", "DROP INDEX mv_id"),
                Arguments.of("view", "public.v", "CREATE VIEW v AS SELECT id FROM base",
                        "CREATE OR REPLACE VIEW v AS SELECT id FROM base WHERE id > 1"),
                Arguments.of("sequence", "public.s", "CREATE SEQUENCE s", "ALTER SEQUENCE s INCREMENT 2 CYCLE"),
                Arguments.of("function", "public.f(a integer)", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql"
                        + " AS 'SELECT a + 1'", "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql"
                        + " AS 'SELECT a + 2'"),
                Arguments.of("function", "public.f(a text)", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql"
                        + " AS 'SELECT a'; CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS 'SELECT a'",
                        "DROP FUNCTION f(text)"),
                Arguments.of("window", "public.nth()", "CREATE FUNCTION nth() RETURNS bigint"
                        + " LANGUAGE internal WINDOW AS 'window_row_number'", "DROP FUNCTION nth()"),
                Arguments.of("trigger", "public.base.touch", "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql"
                        + " AS 'BEGIN RETURN NEW; END'; CREATE TRIGGER touch BEFORE UPDATE ON base FOR EACH ROW"
                        + " EXECUTE FUNCTION tg()", "ALTER TABLE base DISABLE TRIGGER touch"),
                Arguments.of("type", "public.mood", "CREATE TYPE mood AS ENUM ('sad', 'ok')",
                        "ALTER TYPE mood ADD VALUE 'glad'"),
                Arguments.of("type", "public.pos", "CREATE DOMAIN pos AS int CHECK (VALUE > 0)",
                        "ALTER DOMAIN pos SET DEFAULT 1"),
                Arguments.of("policy", "public.base.own", "ALTER TABLE base ENABLE ROW LEVEL SECURITY;"
                        + " CREATE POLICY own ON base FOR SELECT USING (id > 0)", "ALTER POLICY own ON base"
                        + " USING (id > 1)"),
                Arguments.of("schema", "billing", "CREATE SCHEMA billing; COMMENT ON SCHEMA billing IS 'money'",
                        "COMMENT ON SCHEMA billing IS NULL"),
                Arguments.of("table", "public.remote", "CREATE EXTENSION postgres_fdw; CREATE SERVER elsewhere"
                        + " FOREIGN DATA WRAPPER postgres_fdw; CREATE FOREIGN TABLE remote (a int) SERVER elsewhere",
                        "DROP FOREIGN TABLE remote"),
                Arguments.of("table", "public.billing_t", "CREATE TABLE billing_t (a int)",
                        "ALTER TABLE billing_t SET UNLOGGED"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void everyKindRoundTrips(String kind, String object, String create, String drop) throws Exception {
        SchemaModel before = model();
        db.execute(create);
        SchemaModel with = model();
        assertThat(with.entries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.name()).isEqualTo(object);
        });
        assertThat(SchemaDiff.between(before, with)).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(kind);
            assertThat(d.object()).isEqualTo(object);
        });
        db.execute(drop);
        List<SchemaDiff.Difference> diff = SchemaDiff.between(with, model());
        assertThat(diff).as("the diff after the drop names it").anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(kind);
            assertThat(d.object()).isEqualTo(object);
            assertThat(d.change()).isIn(SchemaDiff.Change.REMOVED, SchemaDiff.Change.CHANGED);
        });
    }

    @Test
    void grantsAreReadOnRequestAndRoundTrip() throws Exception {
        String role = "cairn_t_reader_" + Long.toHexString(System.nanoTime());
        db.execute("CREATE ROLE " + role, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "CREATE SEQUENCE s", "CREATE TYPE mood AS ENUM ('ok')");
        try {
            Cairn cairn = Cairn.configure().url(db.url()).locations(tmp).load();
            SchemaModel before = cairn.schemaWithGrants();
            assertThat(cairn.schema().grants()).as("not read unless asked for").isEmpty();
            assertThat(before.grants()).as("the defaults: EXECUTE and USAGE for PUBLIC").contains(
                    new SchemaModel.Grant("function", "public.f()", "PUBLIC", "EXECUTE"),
                    new SchemaModel.Grant("type", "public.mood", "PUBLIC", "USAGE"));
            db.execute("GRANT SELECT, INSERT ON base TO " + role, "GRANT UPDATE (name) ON base TO " + role,
                    "GRANT USAGE ON SEQUENCE s TO " + role + " WITH GRANT OPTION",
                    "GRANT USAGE ON SCHEMA public TO " + role, "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC");
            SchemaModel with = cairn.schemaWithGrants();
            assertThat(SchemaDiff.between(before, with)).extracting(d -> d.object() + " " + d.change().label()
                    + " " + d.actual()).containsExactly(
                    "on column public.base.name to " + role + " added UPDATE",
                    "on function public.f() to PUBLIC removed ",
                    "on schema public to " + role + " added USAGE",
                    "on sequence public.s to " + role + " added USAGE*",
                    "on table public.base to " + role + " added INSERT, SELECT");
            assertThat(Markdown.write(with)).contains("## Grants").contains("| table | public.base | " + role
                    + " | INSERT, SELECT |");
            assertThat(SchemaJson.write(with)).contains("\"grantee\": \"" + role + "\"");
            db.execute("REVOKE ALL ON base FROM " + role, "REVOKE ALL ON SEQUENCE s FROM " + role,
                    "REVOKE USAGE ON SCHEMA public FROM " + role, "GRANT EXECUTE ON FUNCTION f() TO PUBLIC");
            assertThat(SchemaDiff.between(before, cairn.schemaWithGrants())).as("dropped again").isEmpty();
        } finally {
            db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void extensionObjectsAndCairnTablesAreLeftOut() throws Exception {
        db.execute("CREATE EXTENSION pg_trgm", "CREATE TABLE cairn_history (id int)",
                "CREATE TABLE cairn_history_lock (id int)", "CREATE TABLE cairn_seed_history (id serial)");
        SchemaModel m = model();
        assertThat(m.routines()).isEmpty();
        assertThat(m.types()).isEmpty();
        assertThat(m.tables()).extracting(SchemaModel.Table::name).containsExactly("base");
        assertThat(m.sequences()).isEmpty();
        assertThat(m.extensions()).extracting(SchemaModel.Extension::name).contains("pg_trgm");
    }

    @Test
    void constraintsCarryValidityAndDeferrability() throws Exception {
        db.execute("CREATE TABLE child (b int)", "ALTER TABLE child ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES base"
                + " DEFERRABLE INITIALLY DEFERRED NOT VALID");
        SchemaModel.Constraint fk = model().tables().stream().filter(t -> t.name().equals("child")).findFirst()
                .orElseThrow().constraints().get(0);
        assertThat(fk.valid()).isFalse();
        assertThat(fk.deferrable()).isTrue();
        assertThat(fk.deferred()).isTrue();
        assertThat(fk.references()).isEqualTo("public.base");
        assertThat(fk.definition()).contains("NOT VALID").contains("DEFERRABLE INITIALLY DEFERRED");
    }

    @Test
    void readsAreDeterministicAndTheDocumentsByteIdentical() throws Exception {
        db.execute("CREATE TABLE z (a int REFERENCES base)", "CREATE TABLE a (b int)", "CREATE INDEX ON z (a)",
                "CREATE VIEW vv AS SELECT * FROM z", "CREATE TYPE mood AS ENUM ('b', 'a')");
        SchemaModel first = model();
        SchemaModel second = model();
        assertThat(second).isEqualTo(first);
        assertThat(SchemaDiff.between(first, second)).isEmpty();
        assertThat(first.tables()).extracting(SchemaModel.Table::name).containsExactly("a", "base", "z");
        Path out = tmp.resolve("DATABASE.md");
        Cairn cairn = Cairn.configure().url(db.url()).locations(tmp).load();
        cairn.snapshot(out);
        byte[] one = Files.readAllBytes(out);
        cairn.snapshot(out);
        assertThat(Files.readAllBytes(out)).isEqualTo(one);
        String md = Files.readString(out);
        assertThat(md).contains("### Table `public.z`").contains("**Referenced by**")
                .contains("| Column | Type | Nullable | Default | Comment |").doesNotContain("cairn_history");
        assertThat(SchemaJson.write(first)).isEqualTo(SchemaJson.write(second)).contains("\"tables\": [");
    }

    @Test
    void diffIsTypedAndOrdered() throws Exception {
        SchemaModel before = model();
        db.execute("ALTER TABLE base ADD COLUMN b int", "ALTER TABLE base ALTER COLUMN name TYPE varchar(10)",
                "CREATE TABLE a (x int)");
        List<SchemaDiff.Difference> diff = SchemaDiff.between(before, model());
        assertThat(diff).extracting(d -> d.kind() + " " + d.object() + " " + d.change().label()).containsExactly(
                "column public.a.x added", "column public.base.b added", "column public.base.name changed",
                "table public.a added");
        assertThat(diff.get(2).expected()).isEqualTo("text");
        assertThat(diff.get(2).actual()).isEqualTo("character varying(10)");
    }
}

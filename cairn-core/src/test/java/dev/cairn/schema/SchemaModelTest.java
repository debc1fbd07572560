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
                "DROP TYPE IF EXISTS public.mood CASCADE");
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
                        "COMMENT ON COLUMN base.name IS NULL"));
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

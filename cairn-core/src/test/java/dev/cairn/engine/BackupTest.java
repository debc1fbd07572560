package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore through the library facade, as an application would call them. */
class BackupTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path tmp;

    @Test
    void aDataSourceConfigurationCannotBackUpAndSaysWhy() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        Cairn cairn = Cairn.configure().dataSource(ds).locations(tmp).load();
        assertThatThrownBy(() -> cairn.backup(BackupRequest.to(tmp)))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("backup needs a database URL")
                .hasMessageContaining("configure Cairn with url(...) instead of dataSource(...)");
        assertThatThrownBy(() -> cairn.restore(RestoreRequest.of(tmp.resolve("x.dump"))))
                .hasMessageContaining("restore needs a database URL");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void backupThenMigrateBacksUpOnlyWhenSomethingIsPendingAndRestoreBringsTheRowsBack() throws Exception {
        assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "pg_dump"))), "pg_dump is not on the PATH");
        db.reset();
        MigrationDir dir = new MigrationDir(tmp.resolve("migrations"))
                .dbmate("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1), (2);", "DROP TABLE a;");
        List<RestoreRequest.Planned> asked = new ArrayList<>();
        Cairn cairn = Cairn.configure().url(db.url()).locations(dir.path()).load();
        Path backups = tmp.resolve("backups");

        BackupThenMigrate.Result first = cairn.migrate(MigrateOptions.defaults(), BackupRequest.to(backups));
        assertThat(first.backup()).isPresent();
        assertThat(first.migrate().applied()).hasSize(1);
        BackupThenMigrate.Result second = cairn.migrate(MigrateOptions.defaults(), BackupRequest.to(backups));
        assertThat(second.backup()).isEmpty();
        assertThat(second.migrate().upToDate()).isTrue();

        BackupResult b = cairn.backup(BackupRequest.to(backups));
        assertThat(b.database()).isEqualTo(db.name());
        assertThat(b.file()).exists().hasParent(backups.toAbsolutePath());
        assertThat(b.bytes()).isPositive();
        db.execute("DELETE FROM a");

        assertThatThrownBy(() -> cairn.restore(new RestoreRequest(b.file(), java.util.Map.of(), plan -> false)))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.exitCode()).isEqualTo(6));
        assertThat(db.column("SELECT id FROM a")).isEmpty();

        RestoreResult r = cairn.restore(new RestoreRequest(b.file(), java.util.Map.of(), plan -> asked.add(plan)));
        assertThat(asked).containsExactly(new RestoreRequest.Planned(b.file(), BackupFormat.CUSTOM, db.name()));
        assertThat(r.database()).isEqualTo(db.name());
        assertThat(db.column("SELECT id FROM a ORDER BY id")).containsExactly("1", "2");
    }
}

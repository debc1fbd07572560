package dev.cairn.engine;

import dev.cairn.Cairn;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's test classes share: an emptied database of the class's own before each test
 * and a fresh migrations folder, and a {@link Cairn} on both. Each class registers its database:
 * {@code @RegisterExtension static final TestDatabase db = new TestDatabase();}.
 */
abstract class EngineTestBase {

    @TempDir
    Path tmp;

    MigrationDir dir;

    /** The class's database. */
    abstract TestDatabase db();

    @BeforeEach
    void emptyDatabaseAndFolder() throws Exception {
        db().reset();
        dir = new MigrationDir(tmp.resolve("migrations"));
    }

    Cairn cairn() {
        return Cairn.configure().url(db().url()).locations(dir.path()).load();
    }

    /** As {@link #cairn()}, with {@code computed_downs = false}: a migration without a down keeps none. */
    Cairn withoutComputedDowns() {
        return Cairn.configure().url(db().url()).locations(dir.path()).computedDowns(false).load();
    }
}

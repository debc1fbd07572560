package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.testing.TestDatabase;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A service packaged as a jar migrates from {@code classpath:} locations inside it. */
class ClasspathLocationTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
    }

    @Test
    void migratesFromAFolderInsideAJar() throws Exception {
        Path jar = tmp.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Maven and Gradle write directory entries, which the class loader finds folders by.
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/migration/"));
            entry(out, "db/migration/V1__users.sql", "CREATE TABLE users (id int);\n");
            entry(out, "db/migration/V2__orders.sql", "CREATE TABLE orders (id int);\n");
            entry(out, "db/migration/U2__orders.sql", "DROP TABLE orders;\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Cairn cairn = Cairn.configure().url(db.url()).classLoader(loader).locations("classpath:db/migration").load();
            assertThat(cairn.migrate().applied()).extracting(Applied::script)
                    .containsExactly("V1__users.sql", "V2__orders.sql");
            assertThat(db.relations()).contains("users", "orders");
            assertThat(cairn.validate().valid()).isTrue();
            cairn.rollback(new RollbackRequest(new RollbackRequest.Selection.Steps(1), RollbackRequest.Confirmation.APPROVE));
            assertThat(db.relations()).doesNotContain("orders");
        }
    }

    @Test
    void migratesFromAClassPathDirectoryAndRefusesAMissingOne() throws Exception {
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes.resolve("db/migration"));
        Files.writeString(classes.resolve("db/migration/001_a.sql"), "CREATE TABLE a (id int);\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Cairn.configure().url(db.url()).classLoader(loader).locations("classpath:db/migration").load().migrate();
            assertThat(db.relations()).contains("a");
            assertThatThrownBy(() -> Cairn.configure().url(db.url()).classLoader(loader)
                    .locations("classpath:db/nothing").load())
                    .isInstanceOf(CairnException.class)
                    .hasMessageContaining("class path location classpath:db/nothing was not found");
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws Exception {
        out.putNextEntry(new JarEntry(name));
        OutputStream s = out;
        s.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}

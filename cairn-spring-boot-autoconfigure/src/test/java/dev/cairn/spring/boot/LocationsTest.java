package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.spring.boot.plain.PlainApplication;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The default location: classpath:db/migrations, else Flyway's classpath:db/migration. */
class LocationsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void aFlywayProjectsFolderIsReadWhenCairnsIsNotThere(@TempDir Path dir) {
        var classPath = Apps.classPath(dir, "db/migration/V1__create_things.sql", "CREATE TABLE things (id int);");
        try (ConfigurableApplicationContext app = Apps.builder(db, List.of(PlainApplication.class))
                .resourceLoader(classPath).run()) {
            assertThat(Apps.column(db, "SELECT script FROM cairn_history")).containsExactly("V1__create_things.sql");
        }
    }

    @Test
    void cairnsFolderWinsWhenBothAreThere(@TempDir Path dir) {
        var classPath = Apps.classPath(dir, "db/migration/V1__create_things.sql", "CREATE TABLE things (id int);",
                "db/migrations/001_create_widgets.sql", "CREATE TABLE widgets (id int);");
        assertThat(CairnAutoConfiguration.locations(new CairnProperties(), classPath.getClassLoader()))
                .containsExactly("classpath:db/migrations");
    }

    @Test
    void givenLocationsAreTakenAsTheyAre(@TempDir Path dir) {
        CairnProperties p = new CairnProperties();
        p.setLocations(List.of("classpath:app/sql", " filesystem:/srv/migrations "));
        assertThat(CairnAutoConfiguration.locations(p, Apps.classPath(dir).getClassLoader()))
                .containsExactly("classpath:app/sql", "filesystem:/srv/migrations");
    }

    @Test
    void neitherFolderIsAnErrorNamingCairnsDefault(@TempDir Path dir) {
        ClassLoader loader = Apps.classPath(dir).getClassLoader();
        List<String> locations = CairnAutoConfiguration.locations(new CairnProperties(), loader);
        assertThat(locations).containsExactly("classpath:db/migrations");
        assertThatThrownBy(() -> Cairn.configure().url(db.url()).classLoader(loader)
                .locations(locations.toArray(String[]::new)).load())
                .isInstanceOf(CairnException.class)
                .hasMessageContaining("class path location classpath:db/migrations was not found");
    }
}

package dev.cairn.spring.boot;

import dev.cairn.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** Starts real applications, each on the test class's database, as a user's would start. */
final class Apps {

    private Apps() {
    }

    /** An application of {@code sources} on {@code db}, without a web server, with {@code properties} (key=value). */
    static ConfigurableApplicationContext run(TestDatabase db, List<Class<?>> sources, String... properties) {
        return builder(db, sources, properties).run();
    }

    static SpringApplicationBuilder builder(TestDatabase db, List<Class<?>> sources, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + db.url(), "spring.main.banner-mode=off",
                "spring.jpa.open-in-view=false"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new));
    }

    /** The values of a query's first column on the database, as text. */
    static List<String> column(TestDatabase db, String sql) {
        try {
            return db.column(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A class loader like the tests' without their {@code db/migrations} folder, plus {@code files}
     * (relative path, content) in a fresh directory: what another application's class path holds.
     */
    static DefaultResourceLoader classPath(Path dir, String... files) {
        try {
            for (int i = 0; i < files.length; i += 2) {
                Path f = dir.resolve(files[i]);
                Files.createDirectories(f.getParent());
                Files.writeString(f, files[i + 1]);
            }
            ClassLoader hiding = new ClassLoader(Apps.class.getClassLoader()) {
                @Override
                public URL getResource(String name) {
                    return name.startsWith("db/migrations") ? null : super.getResource(name);
                }

                @Override
                public Enumeration<URL> getResources(String name) throws IOException {
                    return name.startsWith("db/migrations") ? Collections.emptyEnumeration() : super.getResources(name);
                }
            };
            return new DefaultResourceLoader(new URLClassLoader(new URL[] {dir.toUri().toURL()}, hiding));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A migrations directory written file by file, and what a scan of it finds. */
final class ScanFixture {

    private final Path dir;

    ScanFixture(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Discovery scan() {
        return new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, Map.of()).scan(List.of(dir));
    }

    Migration only() {
        Discovery d = scan();
        assertThat(d.problems()).as("problems").isEmpty();
        assertThat(d.migrations()).as("migrations").hasSize(1);
        return d.migrations().get(0);
    }

    /** The one problem of a scan. */
    Problem problem() {
        Discovery d = scan();
        assertThat(d.problems()).as("problems").hasSize(1);
        return d.problems().get(0);
    }
}

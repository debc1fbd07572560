package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A migrations directory for a test, written file by file. */
public final class MigrationDir {

    private final Path path;

    public MigrationDir(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** Writes (or overwrites) a file and returns this directory. */
    public MigrationDir write(String name, String text) {
        try {
            Path f = path.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MigrationDir delete(String name) {
        try {
            Files.delete(path.resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dbmate file with up and down sections. */
    public MigrationDir dbmate(String name, String up, String down) {
        return write(name, "-- migrate:up\n" + up + "\n\n-- migrate:down\n" + down + "\n");
    }
}

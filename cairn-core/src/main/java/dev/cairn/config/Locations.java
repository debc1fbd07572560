package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where migrations are: a directory ({@code db/migrations}, {@code filesystem:db/migrations}) or
 * a folder on the class path ({@code classpath:db/migration}), so that a service packaged as a jar
 * migrates from inside it. A class path folder in a jar is read through the JDK's zip file system.
 */
public final class Locations {

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private Locations() {
    }

    /** The directories a location stands for; a class path folder may be in several jars. */
    public static List<Path> resolve(String location, ClassLoader loader) {
        if (location.startsWith(FILESYSTEM)) {
            return List.of(Path.of(location.substring(FILESYSTEM.length())));
        }
        if (!location.startsWith(CLASSPATH)) {
            return List.of(Path.of(location));
        }
        String folder = location.substring(CLASSPATH.length()).replaceAll("^/+", "").replaceAll("/+$", "");
        List<Path> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                out.add(path(url, folder));
            }
        } catch (IOException | URISyntaxException e) {
            throw CairnException.usage("config.location", "cannot read class path location " + location + ": "
                    + e.getMessage());
        }
        if (out.isEmpty()) {
            throw CairnException.usage("config.location", "class path location " + location + " was not found;"
                    + " put the migrations under src/main/resources/" + folder + " (a jar must hold the folder's"
                    + " directory entry, as Maven and Gradle write it), or give a filesystem: location");
        }
        return List.copyOf(out);
    }

    private static Path path(URL url, String folder) throws URISyntaxException, IOException {
        if (url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        if (url.getProtocol().equals("jar")) {
            String spec = url.toString();
            URI jar = URI.create(spec.substring(0, spec.indexOf("!/")));
            return fileSystem(jar).getPath(folder);
        }
        throw new IOException("unsupported URL " + url + " (only file: and jar: class path entries)");
    }

    private static FileSystem fileSystem(URI jar) throws IOException {
        try {
            return FileSystems.newFileSystem(jar, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(jar);
        }
    }
}

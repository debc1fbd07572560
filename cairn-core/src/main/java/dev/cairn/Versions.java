package dev.cairn;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven wrote into the jar. */
final class Versions {

    private Versions() {
    }

    static String cairn() {
        try (InputStream in = Versions.class.getResourceAsStream("cairn.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}

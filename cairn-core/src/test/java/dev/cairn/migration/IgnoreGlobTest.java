package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Ignore globs mean what the file system's glob means, whichever way they are matched. */
class IgnoreGlobTest {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "COMBINED_*,       COMBINED_all.sql,           true",
            "COMBINED_*,       x/COMBINED_all.sql,         true",
            "COMBINED_*,       combined_all.sql,           false",
            "*deprecated*,     003_deprecated_users.sql,   true",
            "*deprecated*,     deprecated,                 true",
            "*deprecated*,     003_users.sql,              false",
            "*.sql,            old/003_users.sql,          true",
            "old/*,            old/003_users.sql,          true",
            "old/*,            003_users.sql,              false",
            "sub**,            sub/003_users.sql,          true",
            "00?_*.sql,        003_users.sql,              true",
            "'{a,b}*.sql',     b1.sql,                     true",
            "a*b*a,            aba,                        true",
            "a*b*a,            ab,                         false",
            "a*a,              a,                          false",
    })
    void matchesAsTheFileSystemGlobDoes(String glob, String relative, boolean ignored) {
        assertThat(new IgnoreGlob(glob).matches(Path.of("/m").resolve(relative), relative)).isEqualTo(ignored);
    }

    static LongStream seeds() {
        return new Random(20261121L).longs(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void starGlobsAgreeWithThePathMatcher(long seed) {
        Random r = new Random(seed);
        String glob = random(r, "ab*_.", 1 + r.nextInt(6));
        String name = random(r, "ab_.", r.nextInt(8));
        boolean expected = FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(name.isEmpty() ? "x" : name));
        assertThat(new IgnoreGlob(glob).matches(Path.of("/m", name.isEmpty() ? "x" : name), name.isEmpty() ? "x" : name))
                .as("seed %d: glob '%s' on '%s'", seed, glob, name).isEqualTo(expected);
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}

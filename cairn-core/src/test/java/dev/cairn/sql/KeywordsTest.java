package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The case-insensitive search every content-claimed convention makes on every file, and the runner on every statement. */
class KeywordsTest {

    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "+goose   | -- +goose Up                | true",
            "+goose   | -- +GOOSE Up                | true",
            "+goose   | -- +Goose Up                | true",
            "+goose   | -- goose Up                 | false",
            "+goose   | -- +goos                    | false",
            "+migrate | SELECT 1 + migrate;         | false",
            "+migrate | SELECT 1 +MIGRATE;          | true",
            "cairn:no | x -- Cairn:No-transaction   | true",
            "cairn:no | CAIRN:N                     | false",
            "é        | CAFÉ                        | true",
    })
    void findsTheNeedleIgnoringCase(String needle, String text, boolean found) {
        assertThat(Keywords.containsIgnoreCase(text, needle)).isEqualTo(found);
    }

    static LongStream seeds() {
        return new Random(20261121).longs(300);
    }

    /** Against the obvious oracle, on random texts built from the needles' own characters. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithLowerCasingBothSides(long seed) {
        Random r = new Random(seed);
        String alphabet = "+-: gGoOsSeEmMiIrRaAtTcCnN\n";
        String[] needles = {"+goose", "+migrate", "cairn:no-transaction", "go", "+", "Migrate:"};
        StringBuilder text = new StringBuilder();
        for (int i = r.nextInt(60); i > 0; i--) {
            text.append(r.nextInt(4) == 0 ? needles[r.nextInt(needles.length)] : alphabet.charAt(r.nextInt(alphabet.length())));
        }
        for (String needle : needles) {
            boolean expected = text.toString().toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
            assertThat(Keywords.containsIgnoreCase(text.toString(), needle))
                    .as("seed %d: '%s' in '%s'", seed, needle, text).isEqualTo(expected);
        }
    }
}

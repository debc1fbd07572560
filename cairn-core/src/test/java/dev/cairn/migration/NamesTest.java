package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Directives such as {@code -- cairn:no-transaction} are read from a file's leading comments only. */
class NamesTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "-- cairn:no-transaction\\nVACUUM t;              | true",
            "-- note\\n\\n--   CAIRN:NO-TRANSACTION\\nVACUUM t; | true",
            "VACUUM t;\\n-- cairn:no-transaction              | false",
            "--\\n-- other\\nSELECT 1;                          | false",
    })
    void directivesAreReadFromTheLeadingCommentsOnly(String text, boolean found) {
        assertThat(Names.hasDirective(text.replace("\\n", "\n"), "cairn:no-transaction")).isEqualTo(found);
    }
}

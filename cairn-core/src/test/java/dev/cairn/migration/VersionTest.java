package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "1.2,    1.10",
            "9,      010",
            "215,    1000",
            "1,      2",
            "1.9.9,  1.10",
            "1,      1.0.1",
            "003,    10",
            "20240115093000, 20240115093001",
            "99999999999999999999, 100000000000000000000",
    })
    void ordersByNumericSegments(String lower, String higher) {
        Version a = Version.parse(lower);
        Version b = Version.parse(higher);

        assertThat(a).isLessThan(b);
        assertThat(b).isGreaterThan(a);
        assertThat(a).isNotEqualTo(b);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({
            "1_2,   1.2",
            "001,   1",
            "1.0,   1",
            "1.2.0, 1.2",
            "0010,  10",
            "01.002, 1.2",
    })
    void equalSegmentsAreTheSameVersionWithTheSameHashCode(String left, String right) {
        Version a = Version.parse(left);
        Version b = Version.parse(right);

        assertThat(a).isEqualTo(b);
        assertThat(b).isEqualTo(a);
        assertThat(a.compareTo(b)).isZero();
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void keepsTheTextAsWritten() {
        assertThat(Version.parse("003").text()).isEqualTo("003");
        assertThat(Version.parse("1_2").toString()).isEqualTo("1_2");
        assertThat(Version.of("2024-01-15_1430").text()).isEqualTo("2024-01-15_1430");
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "2024-01-15_1430, 2024-01-15_1431",
            "2024-01-15_1430, 2024-01-16_0000",
            "2023-12-31_2359, 2024-01-01_0000",
    })
    void datedVersionsCompareAsTheirDigits(String lower, String higher) {
        assertThat(Version.of(lower)).isLessThan(Version.of(higher));
    }

    @Test
    void datedVersionEqualsItsDigits() {
        Version dated = Version.of("2024-01-15_1430");
        Version digits = Version.of("202401151430");

        assertThat(dated).isEqualTo(digits);
        assertThat(dated.hashCode()).isEqualTo(digits.hashCode());
    }

    @Test
    void ofReadsPlainVersionsLikeParse() {
        assertThat(Version.of("1.10")).isEqualTo(Version.parse("1.10")).isGreaterThan(Version.of("1.2"));
    }

    @Test
    void sortsAMixedListNumerically() {
        List<Version> versions = new ArrayList<>();
        for (String v : List.of("1000", "010", "1.10", "9", "215", "1.2", "2")) {
            versions.add(Version.parse(v));
        }
        Collections.sort(versions);

        assertThat(versions).extracting(Version::text)
                .containsExactly("1.2", "1.10", "2", "9", "010", "215", "1000");
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {"abc", "1..2", "", "1.", ".1", "1a", "v1", "1-2", "1 2", "_1", "1__2"})
    void rejectsTextThatIsNotAVersion(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a version: '" + text + "'");
    }

    @ParameterizedTest(name = "of rejects ''{0}''")
    @ValueSource(strings = {"abc", "", "1.", "--"})
    void ofRejectsTextWithoutDigits(String text) {
        assertThatThrownBy(() -> Version.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a version");
    }
}

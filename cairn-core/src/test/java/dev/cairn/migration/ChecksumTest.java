package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksumTest {

    private static final String SQL = "CREATE TABLE users (id bigint PRIMARY KEY);\n";

    @Test
    void isTheSha256OfTheText() {
        // Computed outside Java with:
        //   printf 'CREATE TABLE users (id bigint PRIMARY KEY);\n' | sha256sum
        assertThat(Checksum.of(SQL))
                .isEqualTo("3456c330330e5584db1ea42d855fe843569a61c7c200bd34b52f8f9c03b28f0d");
    }

    @Test
    void ofEmptyTextIsTheSha256OfNothing() {
        // printf '' | sha256sum
        assertThat(Checksum.of("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void isLowercaseHexOf64Characters() {
        assertThat(Checksum.of("SELECT 1;")).matches("[0-9a-f]{64}");
    }

    // Method sources rather than CSV: CSV trims the line endings these cases are about.
    static Stream<Arguments> windowsVariants() {
        return Stream.of(
                arguments("leading BOM", "\uFEFF" + SQL),
                arguments("CRLF", "CREATE TABLE users (id bigint PRIMARY KEY);\r\n"),
                arguments("BOM and CRLF", "\uFEFFCREATE TABLE users (id bigint PRIMARY KEY);\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windowsVariants")
    void aWindowsCheckoutHasTheSameChecksum(String what, String variant) {
        assertThat(Checksum.of(variant)).isEqualTo(Checksum.of(SQL));
    }

    @Test
    void bomAndCrlfTogetherOnAMultiLineScript() {
        String lf = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n\nINSERT INTO a VALUES (1);\n";
        String windows = "\uFEFF" + lf.replace("\n", "\r\n");

        assertThat(Checksum.of(windows)).isEqualTo(Checksum.of(lf));
    }

    static Stream<Arguments> otherContent() {
        return Stream.of(
                arguments("another column type", "CREATE TABLE users (id int PRIMARY KEY);\n"),
                arguments("no final newline", "CREATE TABLE users (id bigint PRIMARY KEY);"),
                arguments("trailing space", "CREATE TABLE users (id bigint PRIMARY KEY); \n"),
                arguments("upper case name", "CREATE TABLE USERS (id bigint PRIMARY KEY);\n"),
                arguments("BOM in the middle", "CREATE TABLE users\uFEFF (id bigint PRIMARY KEY);\n"));
    }

    @ParameterizedTest(name = "{0} differs")
    @MethodSource("otherContent")
    void differentContentHasADifferentChecksum(String what, String other) {
        assertThat(Checksum.of(other)).isNotEqualTo(Checksum.of(SQL));
    }
}

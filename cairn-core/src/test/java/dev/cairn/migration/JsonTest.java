package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Arguments> values() {
        return Stream.of(
                arguments("{}", Map.of()),
                arguments("[]", List.of()),
                arguments(" \t\r\n[1, -2, 0, 3.25, 1e3, -0.5E-2]\n",
                        List.of(new BigDecimal("1"), new BigDecimal("-2"), new BigDecimal("0"), new BigDecimal("3.25"),
                                new BigDecimal("1e3"), new BigDecimal("-0.5E-2"))),
                arguments("[true, false, null]", List.of(true, false, Json.NULL)),
                arguments("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "a\"b\\c/d\b\f\n\r\t"),
                arguments("\"\\u00e9\\u20AC\\ud83d\\ude00 é\"", "é€\uD83D\uDE00 é"),
                arguments("{\"idx\": 0, \"tag\": \"0000_init\", \"nested\": {\"list\": [[], {}]}}",
                        Map.of("idx", BigDecimal.ZERO, "tag", "0000_init", "nested", Map.of("list", List.of(List.of(), Map.of())))),
                arguments("1700000000000", new BigDecimal("1700000000000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void readsValidJson(String text, Object expected) throws Exception {
        assertThat(Json.parse(text)).isEqualTo(expected);
    }

    @Test
    void keepsTheKeysInFileOrder() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertThat(map.keySet()).containsExactly("z", "a", "m");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                             | 1:1: expected a value, found the end of the file",
            "`{\"a\": 1,}`                  | 1:9: trailing comma before '}'",
            "`[1, 2,]`                      | 1:7: trailing comma before ']'",
            "`{\"a\": 1 \"b\": 2}`          | 1:9: expected ',' or '}' after a value, found '\"b\":'",
            "`{'a': 1}`                     | 1:2: expected a \"quoted\" key, found ''a':'",
            "`{\"a\" 1}`                    | 1:6: expected ':' after the key \"a\", found '1}'",
            "`{\"a\": 1, \"a\": 2}`         | 1:10: duplicate key \"a\"",
            "`[01]`                         | 1:3: number with a leading zero",
            "`[1.]`                         | 1:4: expected a digit after '.', found ']'",
            "`[1e]`                         | 1:4: expected a digit in the exponent, found ']'",
            "`[-]`                          | 1:3: expected a digit, found ']'",
            "`[+1]`                         | 1:2: expected a value, found '+1]'",
            "`[tru]`                        | 1:2: expected a value, found 'tru]'",
            "`[NaN]`                        | 1:2: expected a value, found 'NaN]'",
            "`\"abc`                        | 1:1: unterminated string: no closing '\"'",
            "`\"a\\x\"`                     | 1:3: invalid escape \\x in a string",
            "`\"\\u12G4\"`                  | 1:2: invalid escape: \\u needs four hex digits",
            "`{} {}`                        | 1:4: unexpected '{}' after the end of the JSON value",
            "`// comment\n{}`               | 1:1: expected a value, found '//'",
            "`{\n  \"entries\": [\n    {\"idx\": 0,}\n  ]\n}` | 3:15: trailing comma before '}'",
    })
    void rejectsWhatIsNotStrictJsonWithLineAndColumn(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text.replace("\\n", "\n")))
                .isInstanceOf(Json.SyntaxError.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsAControlCharacterInAString() {
        assertThatThrownBy(() -> Json.parse("\"a\tb\""))
                .isInstanceOf(Json.SyntaxError.class)
                .hasMessage("1:3: control character U+0009 in a string; write it as an escape such as \\n");
    }

    @Test
    void writesLikeJavaScriptsStringifyWithAnIndent() throws Exception {
        String journal = """
                {
                  "version": "7",
                  "dialect": "postgresql",
                  "entries": [
                    {
                      "idx": 0,
                      "version": "7",
                      "when": 1700000000000,
                      "tag": "0000_initial_schema",
                      "breakpoints": true
                    }
                  ],
                  "empty": [],
                  "nothing": {},
                  "text": "a\\"b\\\\c\\nd\\u0001é",
                  "null": null
                }""";

        assertThat(JsonWriter.write(Json.parse(journal), "  ")).isEqualTo(journal);
        assertThat(JsonWriter.write(Json.parse(journal), "\t")).isEqualTo(journal.replace("  ", "\t"));
    }
}

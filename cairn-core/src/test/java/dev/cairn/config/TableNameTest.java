package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

    @ParameterizedTest(name = "''{0}'' -> schema ''{1}'', table ''{2}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "cairn_history         |      | cairn_history",
            "ops.cairn_history     | ops  | cairn_history",
            "\"  ops.cairn_history \" | ops  | cairn_history",
            "Ops.History           | Ops  | History",
    })
    void parsesAnOptionallySchemaQualifiedName(String text, String schema, String name) {
        TableName table = TableName.parse(text);

        assertThat(table.schema()).isEqualTo(Optional.ofNullable(schema));
        assertThat(table.name()).isEqualTo(name);
        assertThat(table.toString()).isEqualTo(schema == null ? name : schema + "." + name);
    }

    @Test
    void siblingStaysInTheSameSchema() {
        assertThat(TableName.parse("ops.cairn_history").sibling("_lock").toString()).isEqualTo("ops.cairn_history_lock");
        assertThat(TableName.parse("cairn_history").sibling("_lock").toString()).isEqualTo("cairn_history_lock");
    }

    @Test
    void aSiblingNameLongerThanSixtyThreeBytesIsShortenedWithAHashOfTheWholeName() {
        String h58 = "x".repeat(58);
        assertThat(TableName.parse(h58).sibling("_lock").name()).isEqualTo(h58 + "_lock");

        String h63 = "h".repeat(63);
        TableName lock = TableName.parse("ops." + h63).sibling("_lock");
        assertThat(lock.schema()).contains("ops");
        assertThat(lock.name()).matches("h{49}_[0-9a-f]{8}_lock").hasSize(63);
        assertThat(TableName.parse("h".repeat(62) + "i").sibling("_lock").name())
                .as("another long name, another lock table").isNotEqualTo(lock.name());
    }

    @Test
    void namesLongerThanSixtyThreeBytesAreCutAsPostgresqlDoesOnWholeCharacters() {
        assertThat(TableName.parse("g".repeat(70)).name()).isEqualTo("g".repeat(63));
        assertThat(TableName.parse("g".repeat(70)).sibling("_lock"))
                .isEqualTo(TableName.parse("g".repeat(63)).sibling("_lock"));
        // é is two bytes in UTF-8: 31 of them make 62 bytes; a 32nd would not fit.
        assertThat(TableName.parse("é".repeat(40)).name()).isEqualTo("é".repeat(31));
        String lock = TableName.parse("é".repeat(40)).sibling("_lock").name();
        assertThat(lock).matches("é{24}_[0-9a-f]{8}_lock");
        assertThat(lock.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(62);
        // A character outside the BMP (4 bytes, two Java chars) is never split.
        assertThat(TableName.parse("😀".repeat(20)).name()).isEqualTo("😀".repeat(15));
    }

    @Test
    void rejectsMoreThanOneDot() {
        assertThatThrownBy(() -> TableName.parse("a.b.c"))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.code()).isEqualTo("config.table");
                    assertThat(e.getMessage()).isEqualTo("table name 'a.b.c' has more than one '.'; write it as schema.table");
                });
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {"", "   ", ".cairn_history", "ops.", "."})
    void rejectsAnEmptyPart(String text) {
        assertThatThrownBy(() -> TableName.parse(text))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo("config.table");
                    assertThat(e.getMessage()).contains("must not be empty");
                });
    }
}

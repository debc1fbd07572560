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

package dev.cairn.spring.boot.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring Boot 3's @JdbcTest runs Cairn's migrations, as it runs Flyway's. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceTest {

    static final String NAME = "cairn_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase db = TestDatabase.attach(NAME, TestDatabase.create(NAME));
        registry.add("spring.datasource.url", db::url);
    }

    @AfterAll
    static void drop() throws Exception {
        TestDatabase.drop(NAME);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSchemaIsMigrated() {
        assertThat(jdbc.queryForList("SELECT version FROM cairn_history ORDER BY version", String.class))
                .containsExactly("20240101090000", "20240101090100");
        assertThat(jdbc.update("INSERT INTO customers (name, email) VALUES ('Linus', 'linus@example.com')")).isEqualTo(1);
    }
}

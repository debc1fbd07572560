package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.config.LockMode;
import dev.cairn.error.CairnException;
import dev.cairn.spring.boot.plain.PlainApplication;
import dev.cairn.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The cairn.* properties reach the migrations; their metadata is there for IDEs. */
class PropertiesTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @BeforeEach
    void empty() throws Exception {
        db.reset();
        db.execute("DROP SCHEMA IF EXISTS ops CASCADE");
    }

    @Test
    void tableTargetLockModeAndLockTimeout() {
        try (ConfigurableApplicationContext app = Apps.run(db, List.of(PlainApplication.class),
                "cairn.table=ops.shop_history", "cairn.target=create_customers", "cairn.lock-mode=table",
                "cairn.lock-timeout=5s", "cairn.out-of-order=true", "cairn.env=staging", "cairn.computed-downs=false")) {
            var config = app.getBean(Cairn.class).configuration();
            assertThat(config.lockMode()).isEqualTo(LockMode.TABLE);
            assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.outOfOrder()).isTrue();
            assertThat(config.computedDowns()).isFalse();
        }
        assertThat(Apps.column(db, "SELECT version FROM ops.shop_history")).containsExactly("20240101090000");
        assertThat(Apps.column(db, "SELECT to_regclass('ops.shop_history_lock') IS NOT NULL")).containsExactly("t");
        assertThat(Apps.column(db, "SELECT to_regclass('public.cairn_history') IS NULL")).containsExactly("t");
    }

    @Test
    void validateOnMigrateStopsStartUpOnAFailedMigrationAndCanBeTurnedOff() {
        assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.locations=classpath:broken"));
        // Its FAILED row: validate reports it, so start-up stops before migrating ...
        assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.locations=classpath:broken"))
                .rootCause().isInstanceOf(CairnException.class)
                .hasMessageContaining("validation failed before migrating (1 problem), nothing was applied")
                .hasMessageContaining("20240101090100");
        // ... and without validation migrate runs it again (and it fails again, at its line).
        assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.locations=classpath:broken",
                "cairn.validate-on-migrate=false"))
                .rootCause().hasMessageContaining("no_such_table");
    }

    @Test
    void disabledRunsNothing() {
        try (ConfigurableApplicationContext app = Apps.run(db, List.of(PlainApplication.class), "cairn.enabled=false")) {
            assertThat(app.getBeansOfType(Cairn.class)).isEmpty();
        }
        assertThat(Apps.column(db, "SELECT to_regclass('cairn_history') IS NULL")).containsExactly("t");
    }

    @Test
    void aBadEnvironmentNameIsAConfigurationError() {
        assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.env=prod;drop"))
                .rootCause().isInstanceOf(CairnException.class).hasMessageContaining("cairn.env");
    }

    @Test
    void everyPropertyHasMetadataForIdes() throws IOException {
        String json;
        try (InputStream in = CairnProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String p : List.of("enabled", "locations", "table", "lock-timeout", "lock-mode", "out-of-order", "target",
                "validate-on-migrate", "computed-downs", "env", "url", "user", "password")) {
            assertThat(json).containsPattern("\"name\"\\s*:\\s*\"cairn\\." + p + "\"");
        }
    }
}

package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.spring.boot.plain.PlainApplication;
import dev.cairn.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Migrating another database than the application's (cairn.url, @CairnDataSource), and a strategy of one's own. */
class DataSourcesTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static TestDatabase other;

    @BeforeAll
    static void createOther() throws Exception {
        String name = "cairn_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        other = TestDatabase.attach(name, TestDatabase.create(name));
    }

    @AfterAll
    static void dropOther() throws Exception {
        TestDatabase.drop(other.name());
    }

    @BeforeEach
    void empty() throws Exception {
        db.reset();
        other.reset();
    }

    @Test
    void cairnUrlMigratesThatDatabaseNotTheApplications() {
        DatabaseUrl u = other.databaseUrl();
        List<String> props = new java.util.ArrayList<>(List.of("cairn.url=" + u.jdbcUrl(),
                "cairn.user=" + u.user().orElse("postgres")));
        u.password().ifPresent(p -> props.add("cairn.password=" + p));
        Apps.run(db, List.of(PlainApplication.class), props.toArray(String[]::new)).close();
        assertThat(Apps.column(other, "SELECT count(*) FROM cairn_history")).containsExactly("2");
        assertThat(Apps.column(db, "SELECT to_regclass('cairn_history') IS NULL")).containsExactly("t");
    }

    @Test
    void aCairnDataSourceBeanIsTheOneMigrated() {
        Apps.run(db, List.of(PlainApplication.class, TwoDataSources.class)).close();
        assertThat(Apps.column(other, "SELECT count(*) FROM cairn_history")).containsExactly("2");
        assertThat(Apps.column(db, "SELECT to_regclass('cairn_history') IS NULL")).containsExactly("t");
    }

    @Test
    void aStrategyBeanReplacesTheDefault() {
        Strategy.calls.set(0);
        Apps.run(db, List.of(PlainApplication.class, Strategy.class)).close();
        assertThat(Strategy.calls).hasValue(1);
        assertThat(Apps.column(db, "SELECT to_regclass('customers') IS NULL")).containsExactly("t");
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        @Primary
        DataSource application() {
            return new DriverManagerDataSource(db.url());
        }

        @Bean
        @CairnDataSource
        DataSource migrations() {
            return new DriverManagerDataSource(other.url());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Strategy {

        static final AtomicInteger calls = new AtomicInteger();

        @Bean
        CairnMigrationStrategy validateOnly() {
            return (Cairn cairn) -> {
                calls.incrementAndGet();
                cairn.validate();
            };
        }
    }
}

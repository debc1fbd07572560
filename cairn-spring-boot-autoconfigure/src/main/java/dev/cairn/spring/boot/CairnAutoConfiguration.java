package dev.cairn.spring.boot;

import dev.cairn.Cairn;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.config.EnvironmentName;
import dev.cairn.error.CairnException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * Runs Cairn's migrations at start-up, on the application's {@code DataSource} (or a
 * {@link CairnDataSource} one, or {@code cairn.url}), before anything that uses the database: the
 * {@link CairnMigrationInitializer} is a database initializer for Spring Boot's dependency detection,
 * as Flyway's is. Boot 4 moved the JDBC and JPA auto-configurations to modules of their own, so
 * they are named here in both their Boot 3 and Boot 4 places.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@ConditionalOnClass(name = "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer")
@ConditionalOnProperty(prefix = "cairn", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(CairnAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(CairnProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class CairnAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(CairnAutoConfiguration.class);

    /** Cairn's own folder, then Flyway's: a Flyway project switches by swapping the dependency. */
    static final List<String> DEFAULT_LOCATIONS = List.of("db/migrations", "db/migration");

    @Bean
    @ConditionalOnMissingBean
    public Cairn cairn(CairnProperties properties, ObjectProvider<DataSource> dataSource,
                       @CairnDataSource ObjectProvider<DataSource> cairnDataSource, ResourceLoader resourceLoader) {
        ClassLoader loader = Optional.ofNullable(resourceLoader.getClassLoader())
                .orElse(CairnAutoConfiguration.class.getClassLoader());
        Cairn.Builder b = Cairn.configure().classLoader(loader).listener(new LogListener(LOG));
        String where;
        if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
            b.url(properties.getUrl()).user(properties.getUser()).password(properties.getPassword());
            where = DatabaseUrl.parse(properties.getUrl()).target();
        } else {
            DataSource ds = cairnDataSource.getIfAvailable(dataSource::getIfUnique);
            if (ds == null) {
                throw CairnException.usage("config.connection", "Cairn found no single DataSource to migrate:"
                        + " mark one with @CairnDataSource, or set cairn.url");
            }
            b.dataSource(ds);
            where = "the application's DataSource";
        }
        b.locations(locations(properties, loader).toArray(String[]::new))
                .table(properties.getTable()).lockTimeout(properties.getLockTimeout())
                .lockMode(properties.getLockMode()).outOfOrder(properties.isOutOfOrder())
                .computedDowns(properties.isComputedDowns());
        String env = properties.getEnv() == null || properties.getEnv().isBlank() ? ""
                : EnvironmentName.check(properties.getEnv().strip(), "cairn.env");
        Cairn cairn = b.load();
        LOG.info("cairn: migrations from " + String.join(", ", locations(properties, loader)) + " into " + where
                + (env.isEmpty() ? "" : " (environment " + env + ")"));
        return cairn;
    }

    @Bean
    @ConditionalOnMissingBean
    public CairnMigrationInitializer cairnMigrationInitializer(Cairn cairn, ObjectProvider<CairnMigrationStrategy> strategy,
                                                               CairnProperties properties) {
        return new CairnMigrationInitializer(cairn, Optional.ofNullable(strategy.getIfAvailable()), properties);
    }

    /** {@code cairn.locations}, else the first default folder on the class path (the first when none is). */
    static List<String> locations(CairnProperties properties, ClassLoader loader) {
        List<String> given = properties.getLocations().stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!given.isEmpty()) {
            return given;
        }
        String folder = DEFAULT_LOCATIONS.stream().filter(f -> loader.getResource(f) != null).findFirst()
                .orElse(DEFAULT_LOCATIONS.get(0));
        return List.of("classpath:" + folder);
    }

    /** A DataSource bean to migrate, or a URL of Cairn's own. */
    static final class DatabaseCondition extends AnyNestedCondition {

        DatabaseCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        static final class DataSourceBean {
        }

        @ConditionalOnProperty(prefix = "cairn", name = "url")
        static final class CairnUrl {
        }
    }
}

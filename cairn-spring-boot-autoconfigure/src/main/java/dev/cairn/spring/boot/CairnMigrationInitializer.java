package dev.cairn.spring.boot;

import dev.cairn.Cairn;
import dev.cairn.engine.MigrateOptions;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.Reference;
import dev.cairn.engine.ValidateResult;
import dev.cairn.error.CairnException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * Runs the migrations when the context creates it. Spring Boot's database-initialization detection
 * ({@code CairnDatabaseInitializerDetector}) makes every bean that uses the database (the JPA
 * EntityManagerFactory, JdbcTemplate, ...) depend on this one, so they start on a migrated schema.
 */
public class CairnMigrationInitializer implements InitializingBean, Ordered {

    private static final Log LOG = LogFactory.getLog(CairnMigrationInitializer.class);

    private final Cairn cairn;
    private final Optional<CairnMigrationStrategy> strategy;
    private final CairnProperties properties;
    private int order;

    public CairnMigrationInitializer(Cairn cairn, Optional<CairnMigrationStrategy> strategy, CairnProperties properties) {
        this.cairn = cairn;
        this.strategy = strategy;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (strategy.isPresent()) {
            strategy.get().migrate(cairn);
        } else {
            migrate();
        }
    }

    /** The default: validate (unless turned off), then migrate up to the target. */
    private void migrate() {
        if (properties.isValidateOnMigrate()) {
            ValidateResult v = cairn.validate();
            if (!v.valid()) {
                throw CairnException.validation("validate.failed", "validation failed before migrating ("
                        + v.problems().size() + (v.problems().size() == 1 ? " problem" : " problems") + "), nothing"
                        + " was applied:\n" + v.problems().stream().map(p -> "  invalid: " + p.template())
                        .collect(Collectors.joining("\n")));
            }
        }
        Optional<Reference> target = Optional.ofNullable(properties.getTarget()).filter(t -> !t.isBlank())
                .map(Reference::of);
        MigrateResult r = cairn.migrate(new MigrateOptions(target, properties.isOutOfOrder()));
        if (r.upToDate()) {
            LOG.info("cairn: " + r.database() + " is up to date: no pending migrations");
        } else {
            long ms = r.applied().stream().mapToLong(a -> a.duration().toMillis()).sum();
            LOG.info("cairn: applied " + r.applied().size() + (r.applied().size() == 1 ? " migration" : " migrations")
                    + " to " + r.database() + " in " + ms + " ms (batch " + r.batch() + ")");
        }
    }

    @Override
    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }
}

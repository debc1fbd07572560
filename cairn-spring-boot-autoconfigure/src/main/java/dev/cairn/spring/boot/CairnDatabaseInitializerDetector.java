package dev.cairn.spring.boot;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link CairnMigrationInitializer} initializes the database, so that the beans
 * that use it (detected by Boot: JPA, JdbcTemplate, jOOQ, ...) are created after it. Registered in
 * {@code META-INF/spring.factories}; the same class name works on Boot 3 and 4.
 */
class CairnDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(CairnMigrationInitializer.class);
    }
}

package dev.cairn.spring.boot;

import dev.cairn.config.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cairn.*} properties: each one a setting of {@code Cairn.configure()} and a flag of the CLI
 * (the README's "Spring Boot" table says which).
 */
@ConfigurationProperties(prefix = "cairn")
public class CairnProperties {

    /** Whether to run Cairn's migrations at start-up. */
    private boolean enabled = true;

    /**
     * Migrations locations, read in order: classpath:FOLDER, filesystem:DIR or a directory. Default
     * classpath:db/migrations, or Flyway's classpath:db/migration when only that exists.
     */
    private List<String> locations = new ArrayList<>();

    /** The history table, optionally schema-qualified (ops.cairn_history). */
    private String table = "cairn_history";

    /** How long to wait for another runner's migration lock (another instance starting at the same time). */
    private Duration lockTimeout = Duration.ofSeconds(60);

    /** How runners are kept apart: advisory (a PostgreSQL advisory lock) or table (a lease row, for PgBouncer). */
    private LockMode lockMode = LockMode.ADVISORY;

    /** Whether pending versions below the newest applied one may run (validate then accepts them too). */
    private boolean outOfOrder;

    /**
     * Whether migrate computes a down for a migration that has none (from the schema before and after it) and
     * stores it in the history, so that a rollback can use it.
     */
    private boolean computedDowns = true;

    /** Apply nothing above this migration: a version, a file name, or a migration's name. Default: everything. */
    private String target;

    /** Whether to run 'validate' before migrating and stop start-up on any problem it reports. */
    private boolean validateOnMigrate = true;

    /** The environment's name, as --env: checked, and named in the start-up log line. */
    private String env;

    /** A separate database URL for the migrations (JDBC URL or postgres:// URI) instead of the application's DataSource. */
    private String url;

    /** The user for cairn.url, when the URL names none. */
    private String user;

    /** The password for cairn.url, when the URL holds none. Never logged. */
    private String password;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public LockMode getLockMode() {
        return lockMode;
    }

    public void setLockMode(LockMode lockMode) {
        this.lockMode = lockMode;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public boolean isComputedDowns() {
        return computedDowns;
    }

    public void setComputedDowns(boolean computedDowns) {
        this.computedDowns = computedDowns;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public boolean isValidateOnMigrate() {
        return validateOnMigrate;
    }

    public void setValidateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
    }

    public String getEnv() {
        return env;
    }

    public void setEnv(String env) {
        this.env = env;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}

package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.config.LockMode;
import dev.cairn.toml.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code cairn.toml} in the project's base directory, read as the CLI reads it: for each key, the
 * {@code [env.NAME]} section of the goal's {@code <env>} first, then the top level. The goal's
 * parameters ({@code <configuration>}, {@code -Dcairn.*}) come before both; defaults after.
 *
 * @param file        the file, or {@link ConfigFile#none()} when the project has none
 * @param environment the environment's name, or empty text
 */
record ProjectConfig(ConfigFile file, String environment) {

    /**
     * Reads {@code basedir/cairn.toml} when it exists. An unknown key or a bad value is a usage error with
     * the CLI's message, and so is an environment without a section while one of a similar name exists.
     */
    static ProjectConfig read(Path basedir, String environment) {
        Path p = basedir.resolve(ConfigFile.NAME);
        ConfigFile file = Files.isRegularFile(p) ? ConfigFile.read(p) : ConfigFile.none();
        if (!environment.isEmpty()) {
            file.checkSelected(environment, "<env>");
        }
        return new ProjectConfig(file, environment);
    }

    private ConfigFile.Section env() {
        return file.environment(environment);
    }

    Optional<String> url() {
        return env().url().or(() -> file.top().url());
    }

    /** {@code dir}, relative to the file (the base directory); empty when the file sets none. */
    List<Path> dirs() {
        List<String> dirs = !env().dirs().isEmpty() ? env().dirs() : file.top().dirs();
        Path base = file.path().toAbsolutePath().getParent();
        return dirs.stream().map(d -> base.resolve(d).normalize()).distinct().toList();
    }

    Optional<String> table() {
        return env().table().or(() -> file.top().table());
    }

    Optional<Duration> lockTimeout() {
        return env().lockTimeout().or(() -> file.top().lockTimeout());
    }

    Optional<LockMode> lockMode() {
        return env().extra().lockMode().or(() -> file.top().extra().lockMode())
                .map(v -> LockMode.parse(v, "lock_mode in " + file.path()));
    }

    Optional<Boolean> outOfOrder() {
        return env().outOfOrder().or(() -> file.top().outOfOrder());
    }

    /** {@code protected} of the environment's section: production and prod are protected unless it says otherwise. */
    Optional<Boolean> protectedEnvironment() {
        return environment.isEmpty() ? Optional.empty() : env().protectedEnv();
    }

    /**
     * The keys with no parameter of their own: lock_timeout_sql, statement_timeout, lock_retries, computed_downs,
     * ignore, [migrations].
     */
    void configure(Cairn.Builder b) {
        ConfigFile.Section env = env();
        ConfigFile.Section top = file.top();
        env.lockTimeoutSql().or(top::lockTimeoutSql).ifPresent(b::sqlLockTimeout);
        env.statementTimeout().or(top::statementTimeout).ifPresent(b::statementTimeout);
        env.extra().lockRetries().or(() -> top.extra().lockRetries()).ifPresent(b::lockRetries);
        env.extra().computedDowns().or(() -> top.extra().computedDowns()).ifPresent(b::computedDowns);
        env.ignore().or(top::ignore).ifPresent(b::ignore);
        file.migrations().forEach(b::migration);
    }
}

package dev.cairn.spring.boot;

import dev.cairn.config.DatabaseUrl;
import dev.cairn.error.CairnException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link CairnException} that stopped start-up into the message the CLI prints: its first line
 * (what failed, where as file:line, why with the SQLSTATE) as the description, the lines after it (the
 * hint, the state the database was left in, what to do next) as the action. No password shows.
 */
class CairnFailureAnalyzer extends AbstractFailureAnalyzer<CairnException> {

    private final Environment environment;

    CairnFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CairnException cause) {
        String[] lines = redact(cause.message(SpringHost.HOST)).split("\n");
        String description = "Cairn could not migrate the database: " + lines[0];
        String action = lines.length > 1
                ? Arrays.stream(lines).skip(1).map(String::strip).collect(Collectors.joining("\n"))
                : action(cause.kind());
        return new FailureAnalysis(description, action, cause);
    }

    private static String action(CairnException.Kind kind) {
        return switch (kind) {
            case USAGE -> "Fix the cairn.* properties or the migration files named above; nothing was changed in"
                    + " the database.";
            case VALIDATION -> "Restore the files named above, or accept the change with Cairn.repair() (see"
                    + " Cairn.validate()).";
            case LOCK_TIMEOUT -> "Another runner holds the migration lock: wait for it, raise cairn.lock-timeout,"
                    + " or see who holds it with Cairn.unlock(...).";
            case REFUSED -> "Run the operation from the command line, where it can be confirmed.";
            case FAILED -> "Fix the cause above and start the application again.";
        };
    }

    private String redact(String message) {
        String m = DatabaseUrl.redact(message);
        String password = environment == null ? null : environment.getProperty("cairn.password");
        return password == null || password.isEmpty() ? m : m.replace(password, "***");
    }
}

package dev.cairn.error;

import java.util.List;
import java.util.Objects;

/**
 * The one root of every error Cairn reports. Each carries a {@link Kind}, which fixes the exit
 * code of the command line, and a stable {@code code} that callers and tests can match on.
 *
 * <p>Messages are API: they say what went wrong, where (file:line, version), why (the server's
 * words and SQLSTATE) and what to do next, and in what state the database was left. What to do next is
 * written as {@link Next} steps that each host words its own way ({@link #message(Host)});
 * {@link #getMessage()} words them neutrally.
 */
public class CairnException extends RuntimeException {

    /** What kind of failure this is; each kind maps to one exit code of the CLI. */
    public enum Kind {
        /** A migration or another database operation failed (exit 1). */
        FAILED(1),
        /** Bad usage, configuration or migration files; nothing was touched (exit 2). */
        USAGE(2),
        /** Validation failed: modified, missing, failed or out-of-order migrations (exit 4). */
        VALIDATION(4),
        /** The migration lock was not acquired in time, or was lost during the run (exit 5). */
        LOCK_TIMEOUT(5),
        /** Refused: unconfirmed, or not allowed in this environment (exit 6). */
        REFUSED(6);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code the command line ends with for this kind of failure. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    private final String code;

    public CairnException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public CairnException(Kind kind, String code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The message, its {@link Next} steps worded without a host ({@link Host#NEUTRAL}). */
    @Override
    public String getMessage() {
        return Host.NEUTRAL.render(super.getMessage());
    }

    /** The message, its {@link Next} steps worded by {@code host}. */
    public String message(Host host) {
        return host.render(super.getMessage());
    }

    /** The message with its {@link Next} steps as placeholders, to carry them into a message wrapping it. */
    public String template() {
        return super.getMessage();
    }

    /** What the message advises doing next, in order. */
    public List<Next> next() {
        return Next.in(super.getMessage());
    }

    /** What kind of failure, and so which exit code. */
    public Kind kind() {
        return kind;
    }

    /** A stable identifier such as {@code file.duplicate-version}. */
    public String code() {
        return code;
    }

    /** The exit code of the command line for this failure. */
    public int exitCode() {
        return kind.exitCode();
    }

    public static CairnException usage(String code, String message) {
        return new CairnException(Kind.USAGE, code, message);
    }

    public static CairnException failed(String code, String message, Throwable cause) {
        return new CairnException(Kind.FAILED, code, message, cause);
    }

    public static CairnException validation(String code, String message) {
        return new CairnException(Kind.VALIDATION, code, message);
    }

    public static CairnException refused(String code, String message) {
        return new CairnException(Kind.REFUSED, code, message);
    }
}

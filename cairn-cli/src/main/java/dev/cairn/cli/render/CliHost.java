package dev.cairn.cli.render;

import dev.cairn.error.CairnException;
import dev.cairn.error.Host;
import dev.cairn.error.Next;

/**
 * The command line's wording of what to do next: a setting as its option ({@code --lock-timeout 30s}),
 * an operation as its command ({@code cairn repair}, {@code cairn migrate --rerun-modified}).
 */
public final class CliHost implements Host {

    /** The one instance: it keeps no state. */
    public static final CliHost HOST = new CliHost();

    private CliHost() {
    }

    /** The message of {@code e} as the command line prints it. */
    public static String message(CairnException e) {
        return e.message(HOST);
    }

    /** The message of any error: a {@link CairnException}'s in the command line's words. */
    public static String message(Throwable e) {
        return e instanceof CairnException c ? c.message(HOST) : e.getMessage();
    }

    @Override
    public String setting(Next.Setting s) {
        return "--" + s.name() + s.given().map(v -> " " + v).orElse("");
    }

    @Override
    public String action(Next.Action a) {
        StringBuilder b = new StringBuilder("cairn ").append(a.operation());
        a.settings().forEach(s -> b.append(' ').append(setting(s)));
        return b.toString();
    }
}

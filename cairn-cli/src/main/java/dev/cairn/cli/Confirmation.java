package dev.cairn.cli;

import dev.cairn.error.CairnException;

/**
 * Asks before destructive work. On a terminal: y/N, or in a protected environment the database
 * name typed out. Without one: {@code --yes}, and in a protected environment also
 * {@code --confirm <database name>}. Anything short of that refuses (exit 6) before anything changes,
 * naming the missing flag.
 */
public final class Confirmation {

    private final Console console;
    private final ConfirmOptions options;
    private final Settings settings;

    public Confirmation(Console console, ConfirmOptions options, Settings settings) {
        this.console = console;
        this.options = options;
        this.settings = settings;
    }

    /**
     * What a protected environment has the user type out, as messages name it: the database's name, or a
     * fan-out's number of targets.
     *
     * @param value the text to type, also the value {@code --confirm} must give
     * @param named how messages name it, such as {@code the database name 'shop'}
     * @param note  said before "there is no terminal to ask on", such as {@code the number of targets; }
     * @param scope where nothing was changed when refused, such as {@code  on any target}
     */
    public record Typed(String value, String named, String note, String scope) {

        /** The database's name, for work on one database. */
        public static Typed database(String name) {
            return new Typed(name, "the database name '" + name + "'", "", "");
        }

        /** The number of targets, for a fan-out's one confirmation of the whole plan. */
        public static Typed targets(int count) {
            return new Typed(String.valueOf(count), "the number of targets, " + count, "the number of targets; ",
                    " on any target");
        }
    }

    /**
     * Returns when {@code what} (such as "roll back 2 migrations") is confirmed on {@code database}.
     *
     * @throws CairnException kind REFUSED (exit 6) otherwise
     */
    public void require(String what, String database) {
        require(what, Typed.database(database));
    }

    /**
     * Returns when {@code what} is confirmed: {@code --yes}, or y on a terminal; in a protected environment
     * also {@code typed} given with {@code --confirm} or typed out on the terminal.
     *
     * @throws CairnException kind REFUSED (exit 6) otherwise
     */
    public void require(String what, Typed typed) {
        boolean guarded = settings.protectedEnvironment();
        String env = settings.environment();
        if (options.yes && (!guarded || typed.value().equals(options.confirm))) {
            return;
        }
        if (options.confirm != null && !options.confirm.equals(typed.value())) {
            throw refuse("--confirm '" + options.confirm + "' does not match " + typed.named(), typed);
        }
        if (!console.interactive()) {
            throw refuse(guarded
                    ? what + " in the protected environment '" + env + "' needs --yes --confirm " + typed.value()
                    + " (" + typed.note() + "there is no terminal to ask on)"
                    : what + " needs confirmation and there is no terminal to ask on; run again with --yes", typed);
        }
        if (guarded) {
            String answer = console.ask("environment '" + env + "' is protected; type " + typed.named() + " to "
                    + what + ": ");
            if (!answer.equals(typed.value())) {
                throw refuse("the typed name '" + answer + "' is not '" + typed.value() + "'", typed);
            }
            return;
        }
        if (!console.ask(what + "? [y/N] ").equalsIgnoreCase("y")) {
            throw refuse("not confirmed", typed);
        }
    }

    private static CairnException refuse(String why, Typed typed) {
        return CairnException.refused("confirm.refused", why + ". Nothing was changed" + typed.scope());
    }
}

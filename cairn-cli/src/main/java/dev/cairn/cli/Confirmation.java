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
     * Returns when {@code what} (such as "roll back 2 migrations") is confirmed on {@code database}.
     *
     * @throws CairnException kind REFUSED (exit 6) otherwise
     */
    public void require(String what, String database) {
        boolean guarded = settings.protectedEnvironment();
        String env = settings.environment();
        if (guarded && options.yes && database.equals(options.confirm)) {
            return;
        }
        if (!guarded && options.yes) {
            return;
        }
        if (options.confirm != null && !options.confirm.equals(database)) {
            throw refuse("--confirm '" + options.confirm + "' does not match the database name '" + database + "'");
        }
        if (!console.interactive()) {
            throw refuse(guarded
                    ? what + " in the protected environment '" + env + "' needs --yes --confirm " + database
                    + " (there is no terminal to ask on)"
                    : what + " needs confirmation and there is no terminal to ask on; run again with --yes");
        }
        if (guarded) {
            String typed = console.ask("environment '" + env + "' is protected; type the database name '" + database
                    + "' to " + what + ": ");
            if (!typed.equals(database)) {
                throw refuse("the typed name '" + typed + "' is not '" + database + "'");
            }
            return;
        }
        if (!console.ask(what + "? [y/N] ").equalsIgnoreCase("y")) {
            throw refuse("not confirmed");
        }
    }

    private static CairnException refuse(String why) {
        return CairnException.refused("confirm.refused", why + ". Nothing was changed");
    }
}

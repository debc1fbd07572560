package dev.cairn.maven;

import org.apache.maven.plugins.annotations.Parameter;

/** A goal that changes the history: it needs the CLI's --yes (and --confirm in a protected environment). */
abstract class ConfirmedMojo extends AbstractCairnMojo {

    /** Confirms the change; a build has no terminal to ask on (the CLI's --yes). */
    @Parameter(property = "cairn.yes", defaultValue = "false")
    boolean yes;

    /** The database name, needed with yes in a protected environment (the CLI's --confirm). */
    @Parameter(property = "cairn.confirm")
    String confirm;

    Confirmation confirmation() {
        return new Confirmation(yes, confirm, protectedEnvironment(), environment());
    }
}

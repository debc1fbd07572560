package dev.cairn.maven;

import dev.cairn.error.CairnException;

/**
 * The CLI's rule for destructive goals, without a terminal (a build never asks): {@code -Dcairn.yes},
 * and in a protected environment also {@code -Dcairn.confirm=<database name>}. Anything short of that
 * refuses (exit 6 of the CLI, a failed build) before anything changes, naming what is missing.
 */
record Confirmation(boolean yes, String confirm, boolean guarded, String env) {

    /** Returns when {@code what} (such as "roll back 2 migrations") is confirmed on {@code database}. */
    void require(String what, String database) {
        if (yes && (!guarded || database.equals(confirm))) {
            return;
        }
        if (confirm != null && !confirm.isBlank() && !confirm.equals(database)) {
            throw refuse("<confirm> '" + confirm + "' does not match the database name '" + database + "'");
        }
        throw refuse(guarded
                ? what + " in the protected environment '" + env + "' needs -Dcairn.yes -Dcairn.confirm=" + database
                + " (<yes>true</yes> and <confirm>" + database + "</confirm>)"
                : what + " needs confirmation and a build cannot ask; run again with -Dcairn.yes (<yes>true</yes>)");
    }

    private static CairnException refuse(String why) {
        return CairnException.refused("confirm.refused", why + ". Nothing was changed");
    }
}

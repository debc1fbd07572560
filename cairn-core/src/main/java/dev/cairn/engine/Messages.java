package dev.cairn.engine;

/** The wording of messages several operations share. Messages are API: tests assert them. */
final class Messages {

    private Messages() {
    }

    static String modified(Ledger.Entry e) {
        var r = e.row().orElseThrow();
        var m = e.migration().orElseThrow();
        return "applied migration " + e.version() + " (" + m.up().name() + ") has changed since it was applied"
                + " (checksum " + shortSum(r.checksum()) + " applied, " + shortSum(m.checksum()) + " now); restore"
                + " the file, or if the edit is intended run 'cairn repair' to accept it, or 'cairn migrate --rerun-modified'"
                + " to run it again";
    }

    static String missing(Ledger.Entry e) {
        var r = e.row().orElseThrow();
        return "applied migration " + e.version() + " (" + r.script() + ") has no file any more; restore it,"
                + " or roll it back with 'cairn rollback --to <version below it>' (its down SQL is stored)";
    }

    /**
     * How every failed script's message begins: {@code <what> failed at <file:line>: <the server's words>},
     * and the server's hint on a line of its own. The rest says what it left and what to do next.
     */
    static StringBuilder failedAt(String what, Failure f) {
        StringBuilder s = new StringBuilder(what).append(" failed at ").append(f.where()).append(": ")
                .append(f.error().describe());
        f.error().hint().ifPresent(h -> s.append("\n  hint: ").append(h.replace("VERSION", f.version())));
        return s;
    }

    static String migrationFailed(Failure f, int appliedBefore) {
        StringBuilder s = failedAt("migration " + f.version(), f);
        if (f.transactional()) {
            s.append("\n  rolled back: nothing of ").append(f.version()).append(" was applied");
        } else if (f.completed() == 0) {
            s.append("\n  ran without a transaction: its first statement failed, so nothing of ").append(f.version())
                    .append(" was applied");
        } else {
            s.append("\n  ran without a transaction: ").append(f.completed()).append(" of ").append(f.statements())
                    .append(" statements completed and stay applied; the database is partly changed");
        }
        if (appliedBefore > 0) {
            s.append("; the ").append(appliedBefore).append(appliedBefore == 1 ? " migration" : " migrations")
                    .append(" before it in this run").append(appliedBefore == 1 ? " stays" : " stay").append(" applied");
        }
        s.append(f.changedNothing()
                ? (f.error().notTheFile() ? "\n  next: the file is fine: run 'cairn migrate' again (see the hint)"
                : "\n  next: fix the file and run 'cairn migrate' again")
                : "\n  next: finish or undo its statements by hand, run 'cairn repair', then 'cairn migrate'");
        return s.toString();
    }

    /** {@code 1 table}, {@code 2 tables}: a count with its noun in the right number. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String shortSum(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }
}

package dev.cairn.cli;

import picocli.CommandLine.Option;

/** How a destructive command is confirmed without a terminal. */
public final class ConfirmOptions {

    @Option(names = {"-y", "--yes"}, description = "Do not ask; required without a terminal.")
    boolean yes;

    @Option(names = "--confirm", paramLabel = "DATABASE",
            description = "The database name, required with --yes in a protected environment (production, prod).")
    String confirm;
}

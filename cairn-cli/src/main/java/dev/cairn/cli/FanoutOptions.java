package dev.cairn.cli;

import picocli.CommandLine.Option;

/** A fan-out: the command run on many databases or tenant schemas ({@code migrate}, {@code status}, ...). */
public final class FanoutOptions {

    /** How many targets run at once when {@code --parallel} is not given. */
    public static final int DEFAULT_PARALLEL = 4;

    @Option(names = "--targets", paramLabel = "FILE", description = "Run on every database listed in FILE: one URL a"
            + " line, '#' comments and blank lines ignored. Default: 'targets' or 'targets_file' in cairn.toml"
            + " (per environment), unless --url is given.")
    public String targets;

    @Option(names = "--schemas-query", paramLabel = "SQL", description = "Run in every schema the query returns"
            + " (first column) in the configured database: each schema gets its own history table and lock, and"
            + " migrations run with search_path set to it alone.")
    public String schemasQuery;

    @Option(names = "--parallel", paramLabel = "N", description = "With a fan-out: how many targets run at once"
            + " (each holds 2 connections, a third briefly during a long lock wait). Default: 4.")
    public Integer parallel;

    @Option(names = "--fail-fast", description = "With a fan-out: start no new target after one fails (the ones"
            + " running finish; the rest are reported skipped).")
    public boolean failFast;
}

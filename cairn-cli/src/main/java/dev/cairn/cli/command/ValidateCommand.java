package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn validate}: files against history. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the migration files against the history table: checksums of applied files,"
                + " duplicate versions, missing files, failed migrations, out-of-order versions. Changes nothing."},
        footer = {"", "Examples:",
                "  cairn validate",
                "  cairn validate --json",
                "", "Checksums ignore a UTF-8 byte order mark and CRLF line endings, so a Windows checkout validates clean.",
                "", "Exit codes: 0 valid, 4 one line per problem on standard error."})
public final class ValidateCommand extends DatabaseCommand {

    @picocli.CommandLine.Mixin
    dev.cairn.cli.FanoutOptions fanout;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    public ValidateCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        if (fanningOut(fanout)) {
            return fanOut(fanout, "validate", json, java.util.Optional.empty(), java.util.Optional.empty(), false,
                    cairn -> {
                        ValidateResult v = cairn.validate();
                        return new dev.cairn.cli.fanout.Fanout.Outcome(v.valid() ? 0 : 4, v.valid()
                                ? "valid, " + v.migrations() + " migrations" : v.problems().size() + " problems:"
                                + v.problems().stream().map(p -> "\n  " + p.template()).reduce("", String::concat));
                    });
        }
        return withCairn(new Progress(console, true), cairn -> {
            ValidateResult v = cairn.validate();
            if (json) {
                console.out(Json.write(Json.validate(v)));
            } else if (v.valid()) {
                console.out("valid: " + v.migrations() + " migrations, no problems");
            } else {
                v.problems().forEach(p -> console.err("invalid: " + p.message(dev.cairn.cli.render.CliHost.HOST)));
            }
            return v.valid() ? 0 : 4;
        });
    }
}

package dev.cairn.cli;

import dev.cairn.cli.command.BackupCommand;
import dev.cairn.cli.command.BaselineCommand;
import dev.cairn.cli.command.GenerateCommand;
import dev.cairn.cli.command.ImportCommand;
import dev.cairn.cli.command.MigrateCommand;
import dev.cairn.cli.command.NewCommand;
import dev.cairn.cli.command.RepairCommand;
import dev.cairn.cli.command.ResetCommand;
import dev.cairn.cli.command.RestoreCommand;
import dev.cairn.cli.command.RollbackCommand;
import dev.cairn.cli.command.SeedCommand;
import dev.cairn.cli.command.DriftCommand;
import dev.cairn.cli.command.VerifyCommand;
import dev.cairn.cli.command.SnapshotCommand;
import dev.cairn.cli.command.StatusCommand;
import dev.cairn.cli.command.UnlockCommand;
import dev.cairn.cli.command.ValidateCommand;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Every subcommand, in the order {@code cairn --help} lists them: the one place their names and
 * classes are written. A command's name is its constant's in lower case, the same as its class's
 * {@code @Command} name.
 *
 * <p>They are registered per run rather than in {@code @Command(subcommands = ...)} because picocli
 * builds the model of every registered command (reflection over all its options) before it parses
 * anything. The classes are named in a switch rather than in fields so that a run also loads only
 * the class it registers.
 */
enum Subcommand {
    MIGRATE, STATUS, ROLLBACK, VALIDATE, NEW, GENERATE, REPAIR, BASELINE, IMPORT, SEED, RESET, UNLOCK, BACKUP, RESTORE, SNAPSHOT,
    DRIFT, VERIFY, HELP;

    private static final List<Subcommand> ALL = List.of(values());

    /** The name typed on the command line. */
    String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The annotated class picocli builds the command from. */
    Class<?> type() {
        return switch (this) {
            case MIGRATE -> MigrateCommand.class;
            case STATUS -> StatusCommand.class;
            case ROLLBACK -> RollbackCommand.class;
            case VALIDATE -> ValidateCommand.class;
            case NEW -> NewCommand.class;
            case GENERATE -> GenerateCommand.class;
            case REPAIR -> RepairCommand.class;
            case BASELINE -> BaselineCommand.class;
            case IMPORT -> ImportCommand.class;
            case SEED -> SeedCommand.class;
            case RESET -> ResetCommand.class;
            case UNLOCK -> UnlockCommand.class;
            case BACKUP -> BackupCommand.class;
            case RESTORE -> RestoreCommand.class;
            case SNAPSHOT -> SnapshotCommand.class;
            case DRIFT -> DriftCommand.class;
            case VERIFY -> VerifyCommand.class;
            case HELP -> CommandLine.HelpCommand.class;
        };
    }

    /**
     * The subcommands a command line needs: the one its first argument names; none for a lone
     * {@code --version}; all of them otherwise, since the top-level usage and {@code help COMMAND}
     * list every command, and an unknown name must be told apart from all of them.
     */
    static List<Subcommand> needed(String... args) {
        if (args.length == 0) {
            return ALL;
        }
        for (Subcommand s : ALL) {
            if (s != HELP && s.commandName().equals(args[0])) {
                return List.of(s);
            }
        }
        boolean version = args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
        return version ? List.of() : ALL;
    }

    /** Every subcommand, in order. */
    static List<Subcommand> all() {
        return ALL;
    }
}

package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/** The top-level command: which subcommands a run registers, and that the usage still lists them all. */
class MainTest {

    @TempDir
    Path cwd;

    static List<String> names(List<Subcommand> subcommands) {
        return subcommands.stream().map(Subcommand::commandName).toList();
    }

    @Test
    void eachNameIsTheCommandsOwnName() {
        for (Subcommand s : Subcommand.all()) {
            assertThat(s.type().getAnnotation(Command.class).name()).as(s.type().getName()).isEqualTo(s.commandName());
        }
        assertThat(names(Subcommand.all())).contains("migrate", "new", "help");
    }

    static Stream<Arguments> commandLines() {
        List<String> all = names(Subcommand.all());
        return Stream.of(
                Arguments.of(List.of("migrate", "--dry-run"), List.of("migrate")),
                Arguments.of(List.of("restore", "--help"), List.of("restore")),
                Arguments.of(List.of(), all),
                Arguments.of(List.of("--help"), all),
                Arguments.of(List.of("-h"), all),
                Arguments.of(List.of("help"), all),
                Arguments.of(List.of("help", "migrate"), all),
                Arguments.of(List.of("migrat"), all),
                Arguments.of(List.of("--url", "x", "migrate"), all),
                Arguments.of(List.of("-V", "migrate"), all),
                Arguments.of(List.of("--version"), List.of()),
                Arguments.of(List.of("-V"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void aRunRegistersOnlyTheCommandItNamesFirst(List<String> args, List<String> registered) {
        assertThat(names(Subcommand.needed(args.toArray(String[]::new)))).isEqualTo(registered);
    }

    @Test
    void usageListsEveryCommandInOrder() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {}}) {
            Cli.Result r = new Cli(cwd).run(args);
            String usage = r.out() + r.err();
            List<String> listed = usage.substring(usage.indexOf("Commands:")).lines().skip(1)
                    .takeWhile(l -> !l.isBlank()).filter(l -> l.matches("  \\S.*"))
                    .map(l -> l.strip().split("\\s+")[0]).toList();
            assertThat(listed).as(String.join(" ", args)).isEqualTo(names(Subcommand.all()));
        }
    }

    @Test
    void helpCommandUnknownCommandAndVersionBehaveAsBefore() {
        String nl = System.lineSeparator();
        Cli.Result help = new Cli(cwd).run("help", "migrate");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: cairn migrate").contains("--dry-run");

        Cli.Result unknown = new Cli(cwd).run("migrat");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: Unmatched argument at index 0: 'migrat'" + nl
                + "did you mean 'cairn migrate'?" + nl + "see: cairn --help" + nl);

        Cli.Result version = new Cli(cwd).run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).isEqualTo("cairn " + Cairn.VERSION + nl);
        assertThat(new Cli(cwd).run("-V", "migrate").out()).isEqualTo(version.out());
    }
}

package dev.cairn.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The order of a command's help: what it does, its own options, its examples and exit codes, and
 * only then the options every database command shares ({@link CommonOptions}), under a heading of
 * their own, so a reader finds the command's own options first.
 */
final class HelpLayout {

    /** The help section the shared options are rendered in, after the footer. */
    static final String SHARED = "sharedOptions";

    /** The name of the {@link CommonOptions} mixin field in every command. */
    private static final String MIXIN = "options";

    private HelpLayout() {
    }

    /** Applies the layout to every subcommand that has the shared options. */
    static void apply(CommandLine top) {
        for (CommandLine sub : top.getSubcommands().values()) {
            CommandSpec mixin = sub.getCommandSpec().mixins().get(MIXIN);
            if (mixin == null) {
                continue;
            }
            // "Usage: cairn migrate [OPTIONS]" rather than every shared option in the synopsis.
            sub.getCommandSpec().usageMessage().abbreviateSynopsis(true);
            Set<String> shared = new HashSet<>();
            mixin.options().forEach(o -> shared.add(o.longestName()));
            sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                    help -> help.optionListExcludingGroups(options(help.commandSpec(), shared, false)));
            sub.getHelpSectionMap().put(SHARED, help -> help.createHeading("%nDatabase options (shared by the"
                    + " database commands):%n") + help.optionListExcludingGroups(options(help.commandSpec(), shared, true)));
            List<String> keys = new ArrayList<>(sub.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER) + 1, SHARED);
            sub.setHelpSectionKeys(keys);
        }
    }

    private static List<OptionSpec> options(CommandSpec spec, Set<String> shared, boolean wanted) {
        return spec.options().stream().filter(o -> !o.hidden())
                .filter(o -> shared.contains(o.longestName()) == wanted).toList();
    }
}

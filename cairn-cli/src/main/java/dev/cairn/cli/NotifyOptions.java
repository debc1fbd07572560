package dev.cairn.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Webhooks told after a run ({@code migrate}, {@code rollback}). */
public final class NotifyOptions {

    @Option(names = "--notify", paramLabel = "URL",
            description = "POST a JSON summary of the run (Slack-compatible 'text' plus structured fields) to this"
                    + " http(s) webhook afterwards; repeat for several. A webhook never changes the exit code: 5s"
                    + " timeout, one retry, then a warning naming its host. Default: $CAIRN_NOTIFY (space-separated),"
                    + " then 'urls' in [env.NAME.notify] or [notify] of cairn.toml.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--notify-on", paramLabel = "success,failure", split = ",",
            description = "Which outcomes are told: success, failure or both. Default: 'on' in cairn.toml, both.")
    List<String> on = new ArrayList<>();
}

package dev.cairn.cli;

import dev.cairn.cli.render.CliHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where commands write: results to standard output, messages to standard error. Every line
 * passes through here, so known secrets are replaced by {@code ***} whatever printed them, what to do
 * next ({@link dev.cairn.error.Next}) is worded as options and commands, and colour appears only on a
 * terminal without {@code NO_COLOR}.
 */
public final class Console {

    private final Context context;
    private final Set<String> secrets = new LinkedHashSet<>();
    private final boolean colour;
    private boolean jsonLog;
    private BufferedReader reader;
    /** The status line, while one is shown; see {@link #status(Supplier)}. */
    private Supplier<String> status;
    private boolean statusShown;
    private ScheduledExecutorService ticker;

    /** ANSI "erase to end of line", after a carriage return: the status line is rewritten in place. */
    private static final String CLEAR_TO_END = "\u001b[K";

    public Console(Context context) {
        this.context = context;
        this.colour = context.interactive() && context.env().get("NO_COLOR") == null
                && !"dumb".equals(context.env("TERM"));
    }

    /** A value never to print, such as a password. */
    public void secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
    }

    /**
     * Hides secrets, words what to do next as options and commands, and shows paths below the working
     * directory relative to it, as the user typed them.
     */
    public String redact(String text) {
        String t = CliHost.HOST.render(text).replace(context.cwd() + java.io.File.separator, "");
        for (String s : secrets) {
            t = t.replace(s, "***");
        }
        return dev.cairn.config.DatabaseUrl.redact(t);
    }

    /** A line of the command's result. */
    public synchronized void out(String line) {
        clearStatus();
        context.out().println(redact(line));
        context.out().flush();
        drawStatus();
    }

    /** A message for the person: notices, warnings, errors. */
    public synchronized void err(String line) {
        clearStatus();
        context.err().println(redact(line));
        context.err().flush();
        drawStatus();
    }

    /**
     * Shows {@code line} on standard error as a status line, rewritten in place (every second, and
     * below each printed line) until {@link #endStatus()}. Only on a terminal; elsewhere nothing.
     */
    public synchronized void status(Supplier<String> line) {
        if (!context.interactive()) {
            return;
        }
        status = line;
        drawStatus();
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Removes the status line, if any, and stops rewriting it. */
    public synchronized void endStatus() {
        clearStatus();
        status = null;
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private synchronized void redraw() {
        drawStatus();
    }

    private void drawStatus() {
        if (status != null) {
            context.err().print("\r" + redact(status.get()) + CLEAR_TO_END);
            context.err().flush();
            statusShown = true;
        }
    }

    private void clearStatus() {
        if (statusShown) {
            context.err().print("\r" + CLEAR_TO_END);
            context.err().flush();
            statusShown = false;
        }
    }

    /** Whether events and errors go to standard error as JSON lines ({@code --log-format json}). */
    public boolean jsonLog() {
        return jsonLog;
    }

    void jsonLog(boolean on) {
        this.jsonLog = on;
    }

    public boolean interactive() {
        return context.interactive();
    }

    /** Text in green, when colour is on. */
    public String good(String s) {
        return paint("32", s);
    }

    /** Text in yellow, when colour is on. */
    public String warn(String s) {
        return paint("33", s);
    }

    /** Text in red, when colour is on. */
    public String bad(String s) {
        return paint("31", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /** Asks a question on standard error and reads one line; empty text at end of input. */
    public String ask(String question) {
        endStatus();
        context.err().print(redact(question));
        context.err().flush();
        try {
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
            }
            String line = reader.readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            return "";
        }
    }
}

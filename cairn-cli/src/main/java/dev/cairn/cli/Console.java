package dev.cairn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where commands write: results to standard output, messages to standard error. Every line
 * passes through here, so known secrets are replaced by {@code ***} whatever printed them, and
 * colour appears only on a terminal without {@code NO_COLOR}.
 */
public final class Console {

    private final Context context;
    private final Set<String> secrets = new LinkedHashSet<>();
    private final boolean colour;
    private boolean jsonLog;
    private BufferedReader reader;

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
     * Hides secrets, and shows paths below the working directory relative to it, as the user
     * typed them.
     */
    public String redact(String text) {
        String t = text.replace(context.cwd() + java.io.File.separator, "");
        for (String s : secrets) {
            t = t.replace(s, "***");
        }
        return dev.cairn.config.DatabaseUrl.redact(t);
    }

    /** A line of the command's result. */
    public void out(String line) {
        context.out().println(redact(line));
        context.out().flush();
    }

    /** A message for the person: notices, warnings, errors. */
    public void err(String line) {
        context.err().println(redact(line));
        context.err().flush();
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

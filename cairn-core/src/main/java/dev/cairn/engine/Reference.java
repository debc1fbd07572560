package dev.cairn.engine;

import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.migration.Version;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A migration as a user names it ({@code --to}, {@code --target}): its version ({@code 001}), its file
 * name with or without {@code .sql} and directories ({@code 001_initial}, {@code db/001_initial.sql},
 * golang-migrate's {@code 1_users.up.sql}, a diesel folder), or its name without the version
 * ({@code initial}).
 */
public record Reference(String text) {

    public Reference {
        Objects.requireNonNull(text, "text");
    }

    public static Reference of(String text) {
        return new Reference(text);
    }

    /** A reference to a version. */
    public static Reference of(Version version) {
        return new Reference(version.text());
    }

    /** The text as a version, when it is one (digits with {@code .}, {@code _} or {@code -} between). */
    Optional<Version> version() {
        String t = text.strip();
        if (t.isEmpty() || !Character.isDigit(t.charAt(0)) || !Character.isDigit(t.charAt(t.length() - 1))) {
            return Optional.empty();
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isDigit(c) && c != '.' && c != '_' && c != '-') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Version.of(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The versioned entries it names: by version or file name first, else by name without the version.
     * Several means the reference is ambiguous.
     */
    List<Ledger.Entry> matches(List<Ledger.Entry> entries) {
        Optional<Version> v = version();
        String bare = bare(text);
        Set<Ledger.Entry> found = new LinkedHashSet<>();
        for (Ledger.Entry e : entries) {
            if (e.version().isRepeatable()) {
                continue;
            }
            if (v.filter(e.version()::equals).isPresent() || (!e.script().isEmpty() && bare(e.script()).equals(bare))) {
                found.add(e);
            }
        }
        if (found.isEmpty()) {
            String words = bare.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
            for (Ledger.Entry e : entries) {
                if (!e.version().isRepeatable() && description(e).equals(words)) {
                    found.add(e);
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The one entry it names.
     *
     * @throws CairnException a usage error (exit 2) naming {@code option} when none or several match
     */
    Ledger.Entry resolve(List<Ledger.Entry> entries, Next.Setting option) {
        List<Ledger.Entry> found = matches(entries);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw CairnException.usage("reference.unknown", Next.setting(option.name(), text)
                    + ": no migration has that version or"
                    + " name; give a version (such as 003) or a file name (such as 003_add_users or"
                    + " 003_add_users.sql). Nothing was changed");
        }
        throw ambiguous(found, option);
    }

    CairnException ambiguous(List<Ledger.Entry> found, Next.Setting option) {
        return CairnException.usage("reference.ambiguous", Next.setting(option.name(), text)
                + " names more than one migration: "
                + String.join(", ", found.stream().map(e -> e.version() + " (" + e.script() + ")").toList())
                + "; give its version or its whole file name. Nothing was changed");
    }

    private static String description(Ledger.Entry e) {
        return e.migration().map(m -> m.description()).or(() -> e.row().map(r -> r.description())).orElse("")
                .replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }

    /** A file name without directories and without {@code .sql}, {@code .up.sql} or {@code .down.sql}. */
    static String bare(String name) {
        String n = name.strip().replace('\\', '/');
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        n = n.substring(n.lastIndexOf('/') + 1);
        for (String suffix : new String[] {".up.sql", ".down.sql", ".sql"}) {
            if (n.endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.cairn.migration;

import dev.cairn.error.CairnException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * drizzle-kit's {@code meta/_journal.json}: the list of a folder's migrations in the order drizzle
 * applies them. Cairn reads only what it needs ({@code idx} and {@code tag} of each entry) and
 * keeps every other field when {@code cairn new} appends an entry.
 */
public final class DrizzleJournal {

    /** Where the journal lives, relative to its migrations folder. */
    static final String PATH = "meta/_journal.json";
    private static final String CODE = "file.drizzle-journal";

    /** One entry: {@code {"idx":0,"version":"7","when":1700000000000,"tag":"0000_init","breakpoints":true}}. */
    record Entry(int idx, String tag) {
    }

    private final Path file;
    private final String text;
    private final Map<String, Object> root;
    private final List<Entry> entries;

    private DrizzleJournal(Path file, String text, Map<String, Object> root, List<Entry> entries) {
        this.file = file;
        this.text = text;
        this.root = root;
        this.entries = List.copyOf(entries);
    }

    /** Whether the folder holds drizzle-kit migrations, that is, has a journal. */
    static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(PATH));
    }

    /**
     * Reads the journal of a folder.
     *
     * @throws CairnException (usage) naming the journal and what is wrong with it
     */
    static DrizzleJournal read(Path folder) {
        Path file = folder.resolve(PATH);
        String text = DirectoryScan.text(file);
        Object value;
        try {
            value = Json.parse(text);
        } catch (Json.SyntaxError e) {
            throw CairnException.usage(CODE, file + ":" + e.getMessage() + "; the journal must be the JSON"
                    + " drizzle-kit writes: fix it, or regenerate it with drizzle-kit");
        }
        if (!(value instanceof Map<?, ?> map) || !(map.get("entries") instanceof List<?> list)) {
            throw wrong(file, "the journal must be an object with an \"entries\" array");
        }
        List<Entry> entries = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Entry e = entry(file, i, list.get(i));
            if (!indexes.add(e.idx())) {
                throw wrong(file, "entries[" + i + "] repeats idx " + e.idx() + "; each entry needs its own idx");
            }
            if (!tags.add(e.tag())) {
                throw wrong(file, "entries[" + i + "] repeats tag \"" + e.tag() + "\"; each entry needs its own tag");
            }
            entries.add(e);
        }
        entries.sort(java.util.Comparator.comparingInt(Entry::idx));
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        return new DrizzleJournal(file, text, root, entries);
    }

    private static Entry entry(Path file, int i, Object value) {
        if (!(value instanceof Map<?, ?> e)) {
            throw wrong(file, "entries[" + i + "] must be an object such as"
                    + " {\"idx\": 0, \"tag\": \"0000_initial_schema\", ...}");
        }
        if (!(e.get("idx") instanceof BigDecimal idx) || idx.signum() < 0 || !isInt(idx)) {
            throw wrong(file, "entries[" + i + "] needs \"idx\", a whole number 0 or more");
        }
        if (!(e.get("tag") instanceof String tag) || tag.isBlank()) {
            throw wrong(file, "entries[" + i + "] needs \"tag\", the file name without .sql");
        }
        return new Entry(idx.intValueExact(), tag);
    }

    private static boolean isInt(BigDecimal n) {
        try {
            n.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static CairnException wrong(Path file, String what) {
        return CairnException.usage(CODE, file + ": " + what);
    }

    /**
     * Each entry's {@code when} (epoch milliseconds: what drizzle stores as {@code created_at} in
     * {@code __drizzle_migrations}) with its tag, for the journal of {@code folder}; entries without a
     * numeric {@code when} are left out.
     *
     * @throws CairnException (usage) when the journal cannot be read
     */
    public static Map<Long, String> tagsByWhen(Path folder) {
        DrizzleJournal journal = read(folder);
        Map<Long, String> out = new LinkedHashMap<>();
        for (Object o : (List<?>) journal.root.get("entries")) {
            if (o instanceof Map<?, ?> e && e.get("when") instanceof BigDecimal when && e.get("tag") instanceof String tag) {
                out.put(when.longValue(), tag);
            }
        }
        return out;
    }

    /** The journal file. */
    Path file() {
        return file;
    }

    /** The entries in idx order. */
    List<Entry> entries() {
        return entries;
    }

    Optional<Entry> entry(String tag) {
        return entries.stream().filter(e -> e.tag().equals(tag)).findFirst();
    }

    /**
     * Appends an entry for a new migration to the journal of {@code folder}, as drizzle-kit would:
     * the next idx, the {@code version} and {@code breakpoints} of the last entry, {@code when} in
     * epoch milliseconds. The journal is rewritten in its own indentation (drizzle-kit's is two spaces).
     *
     * @throws CairnException (usage) when the journal cannot be read or written
     */
    public static void append(Path folder, String tag, Instant when) {
        DrizzleJournal journal = read(folder);
        List<?> old = (List<?>) journal.root.get("entries");
        Map<?, ?> last = old.isEmpty() ? Map.of() : (Map<?, ?>) old.get(old.size() - 1);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("idx", BigDecimal.valueOf(journal.entries.stream().mapToInt(Entry::idx).max().orElse(-1) + 1));
        entry.put("version", last.get("version") instanceof String v ? v
                : journal.root.get("version") instanceof String v2 ? v2 : "7");
        entry.put("when", BigDecimal.valueOf(when.toEpochMilli()));
        entry.put("tag", tag);
        entry.put("breakpoints", last.get("breakpoints") instanceof Boolean b ? b : Boolean.TRUE);
        List<Object> entries = new ArrayList<>(old);
        entries.add(entry);
        Map<String, Object> root = new LinkedHashMap<>(journal.root);
        root.put("entries", entries);
        String out = JsonWriter.write(root, journal.indent()) + (journal.text.endsWith("\n") ? "\n" : "");
        try {
            Files.writeString(journal.file, out);
        } catch (IOException e) {
            throw CairnException.usage("new.write", "cannot write " + journal.file + ": " + e.getMessage());
        }
    }

    /** The indentation of the journal's first member: two spaces, four, or a tab. */
    private String indent() {
        for (String line : text.split("\n")) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("\"") && trimmed.length() < line.length()) {
                return line.substring(0, line.length() - trimmed.length());
            }
        }
        return "  ";
    }
}

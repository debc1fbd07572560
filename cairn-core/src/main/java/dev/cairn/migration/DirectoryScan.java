package dev.cairn.migration;

import dev.cairn.config.Configuration;
import dev.cairn.config.MigrationSettings;
import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the migrations directories into a {@link Discovery}: every file is offered to every
 * {@link Convention}; parts of one migration (an up file and its down file) are joined; anything
 * ambiguous becomes a {@link Problem} rather than a guess.
 */
public final class DirectoryScan {

    /** Ignored unless configured otherwise: seed 002's combined dumps and retired files. */
    public static final List<String> DEFAULT_IGNORE = Configuration.Defaults.IGNORE;

    private final List<Convention> conventions;
    private final List<IgnoreGlob> ignore;
    private final Map<String, MigrationSettings> settings;

    /** Reads the configuration's migration directories with its ignore globs and per-migration settings. */
    public static Discovery configured(Configuration config) {
        return new DirectoryScan(config.ignore(), config.migrationSettings()).scan(config.locations());
    }

    public DirectoryScan(List<String> ignoreGlobs, Map<String, MigrationSettings> settings) {
        this.conventions = Conventions.ALL;
        this.ignore = ignoreGlobs.stream().map(IgnoreGlob::new).toList();
        this.settings = Map.copyOf(settings);
    }

    /** Below this many files per thread, reading them on more threads costs more than it saves. */
    private static final int FILES_PER_THREAD = 128;

    /** Scans the directories; throws only when a directory cannot be read at all. */
    public Discovery scan(List<Path> directories) {
        List<Ignored> ignored = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        Map<Part, String> checksums = new IdentityHashMap<>();
        for (Path dir : directories) {
            Tree tree = tree(dir);
            for (Outcome o : outcomes(tree.files())) {
                if (o.part() != null) {
                    parts.add(o.part());
                    checksums.put(o.part(), o.checksum());
                }
                if (o.ignored() != null) {
                    ignored.add(o.ignored());
                }
                if (o.problem() != null) {
                    problems.add(o.problem());
                }
            }
            for (Unreadable e : tree.unreadable()) {
                Optional<String> reason = ignoreReason(e.path(), e.relative());
                if (reason.isPresent()) {
                    ignored.add(new Ignored(e.path().toString(), reason.get()));
                } else {
                    problems.add(new Problem("file.not-a-file", e.path() + ": " + e.why()
                            + "; Cairn cannot read it as a migration: fix or remove it, or add it to the ignore globs"));
                }
            }
            for (Path folder : tree.folders()) {
                for (Convention c : conventions) {
                    problems.addAll(c.check(folder));
                }
            }
        }
        List<Migration> migrations = Assembly.join(parts, checksums, problems);
        migrations = applySettings(migrations, problems);
        return new Discovery(migrations, ignored, problems);
    }

    /**
     * What one file gave: a part and its up script's checksum, or why it is left out; and its problem,
     * if any (a part may come with one: its up script does not split, or holds no SQL).
     */
    private record Outcome(Part part, String checksum, Ignored ignored, Problem problem) {
    }

    /**
     * Every file's outcome, in the order of {@code files}. Files are independent of each other, so
     * a large directory is read, decoded, matched and checksummed on every core: at start-up this
     * is most of the work.
     */
    private List<Outcome> outcomes(List<Entry> files) {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), files.size() / FILES_PER_THREAD);
        if (threads < 2) {
            return outcomes(files, 0, files.size());
        }
        List<Background<List<Outcome>>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int from = files.size() * t / threads;
            int to = files.size() * (t + 1) / threads;
            others.add(Background.start("cairn-files-" + t, () -> outcomes(files, from, to)));
        }
        List<Outcome> out = new ArrayList<>(outcomes(files, 0, files.size() / threads));
        for (Background<List<Outcome>> other : others) {
            out.addAll(other.join());
        }
        return out;
    }

    private List<Outcome> outcomes(List<Entry> files, int from, int to) {
        List<Outcome> out = new ArrayList<>(to - from);
        for (Entry e : files.subList(from, to)) {
            out.add(outcome(e.path(), e.relative()));
        }
        return out;
    }

    private Outcome outcome(Path path, String relative) {
        Optional<String> reason = ignoreReason(path, relative);
        if (reason.isPresent()) {
            return new Outcome(null, null, new Ignored(path.toString(), reason.get()), null);
        }
        try {
            return read(new MigrationFile(path, relative, text(path)))
                    .map(p -> new Outcome(p, p.up().map(up -> Checksum.of(up.text())).orElse(null), null,
                            ScriptChecks.problem(p).orElse(null)))
                    .orElseGet(() -> new Outcome(null, null, new Ignored(path.toString(),
                            "no version at the start of its name"), null));
        } catch (CairnException e) {
            return new Outcome(null, null, null, new Problem(e.code(), e.template()));
        }
    }

    private Optional<Part> read(MigrationFile file) {
        List<Part> claims = new ArrayList<>();
        List<Part> fallbacks = new ArrayList<>();
        for (Convention c : conventions) {
            c.read(file).ifPresent(c.fallback() ? fallbacks::add : claims::add);
        }
        if (claims.isEmpty()) {
            claims = fallbacks;
        }
        if (claims.size() > 1) {
            throw CairnException.usage("file.ambiguous", file.display() + ": matches two conventions ("
                    + claims.get(0).convention() + " and " + claims.get(1).convention()
                    + "); rename it to the form of one of them");
        }
        if (claims.isEmpty() && Character.isDigit(file.fileName().charAt(0))) {
            throw CairnException.usage("file.unrecognised", file.display()
                    + ": starts with a version but matches no migration convention; name it like"
                    + " 003_add_users.sql, 1_add_users.up.sql, 20240115093000_add_users.sql or"
                    + " 2024-01-15_1430_add_users.sql, or add it to the ignore globs");
        }
        return claims.stream().findFirst();
    }

    /** {@code path} relative to {@code dir}, with {@code /} separators. */
    private static String relative(Path dir, Path path) {
        String d = dir.toString();
        String p = path.toString();
        String relative = !d.isEmpty() && p.startsWith(d) && p.length() > d.length() + 1
                && p.charAt(d.length()) == dir.getFileSystem().getSeparator().charAt(0)
                ? p.substring(d.length() + 1) : dir.relativize(path).toString();
        return relative.replace('\\', '/');
    }

    private Optional<String> ignoreReason(Path path, String relative) {
        String name = path.getFileName().toString();
        if (relative.startsWith("meta/") || relative.contains("/meta/")) {
            return Optional.of("drizzle-kit metadata folder meta/");
        }
        for (IgnoreGlob glob : ignore) {
            if (glob.matches(path, relative)) {
                return Optional.of("matches ignore glob " + glob.text());
            }
        }
        if (name.startsWith(".")) {
            return Optional.of("hidden file");
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
            return Optional.of("not a .sql file");
        }
        return Optional.empty();
    }

    private List<Migration> applySettings(List<Migration> migrations, List<Problem> problems) {
        List<Migration> out = new ArrayList<>(migrations);
        for (Map.Entry<String, MigrationSettings> e : settings.entrySet()) {
            Version v;
            try {
                v = Version.of(e.getKey());
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem("config.migration-version", "configuration [migrations.\"" + e.getKey()
                        + "\"]: '" + e.getKey() + "' is not a version"));
                continue;
            }
            int i = indexOf(out, v);
            if (i < 0) {
                problems.add(new Problem("config.migration-unknown", "configuration [migrations.\"" + e.getKey()
                        + "\"]: no migration has version " + e.getKey() + "; fix the version or remove the section"));
            } else if (e.getValue().transaction().isPresent()) {
                out.set(i, out.get(i).withTransaction(e.getValue().transaction().get()
                        ? Migration.Transaction.AUTO : Migration.Transaction.NONE));
            }
        }
        return out;
    }

    private static int indexOf(List<Migration> migrations, Version v) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version().equals(v)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The regular files and the folders (the directory itself included) of a migrations directory, each
     * sorted, and the entries that are neither (a broken link, a FIFO, a device, a folder named like a
     * migration file), each with why it cannot be read.
     */
    private record Tree(List<Entry> files, List<Path> folders, List<Unreadable> unreadable) {
    }

    /** An entry that is not a file Cairn can read, and why, in words that follow its name. */
    private record Unreadable(Path path, String relative, String why) {
    }

    /** A file and its name relative to the migrations directory, with {@code /} separators. */
    private record Entry(Path path, String relative) {
    }

    /** One walk: every entry's attributes come with the listing, so no file is looked up twice. */
    private static Tree tree(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw CairnException.usage("dir.missing", "migrations directory " + dir + " is a file, not a directory;"
                    + " point " + dev.cairn.error.Next.setting("dir") + " at the folder that holds the migrations"
                    + (dir.getParent() == null ? "" : ", such as " + dir.getParent()));
        }
        if (!Files.isDirectory(dir)) {
            throw CairnException.usage("dir.missing", "migrations directory " + dir + " does not exist;"
                    + " create it, or point " + dev.cairn.error.Next.setting("dir") + " at your migrations");
        }
        List<Entry> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        try {
            // A migrations directory that is itself a symbolic link is walked where it points, and
            // its files named under the link, as the user gave it.
            Path root = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
            java.util.function.UnaryOperator<Path> named = root == dir ? p -> p : p -> dir.resolve(root.relativize(p));
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    Path folder = named.apply(d);
                    if (!d.equals(root) && looksLikeSqlFile(d)) {
                        // Diesel's migrations are folders, but never named like a .sql file.
                        unreadable.add(new Unreadable(folder, relative(dir, folder), "is a directory, not a file"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    folders.add(folder);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    Path file = named.apply(f);
                    // A symbolic link counts as what it points to, as Files.isRegularFile and isDirectory see it.
                    if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(f)) {
                        files.add(new Entry(file, relative(dir, file)));
                    } else if (attrs.isSymbolicLink() && Files.isDirectory(f)) {
                        if (looksLikeSqlFile(f)) {
                            unreadable.add(new Unreadable(file, relative(dir, file),
                                    "is a symbolic link to a directory, not a file"));
                        } else {
                            folders.add(file);
                        }
                    } else {
                        unreadable.add(new Unreadable(file, relative(dir, file), NotAFile.why(f, attrs)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw CairnException.usage("dir.unreadable", "cannot read migrations directory " + dir + ": " + e.getMessage());
        }
        // By relative name: the same order as by full path, without comparing the shared prefix
        // (on Windows by full path, whose separator sorts differently from '/').
        files.sort(File.separatorChar == '/' ? Comparator.comparing(Entry::relative)
                : Comparator.comparing((Entry e) -> e.path().toString()));
        folders.sort(Comparator.comparing(Path::toString));
        unreadable.sort(Comparator.comparing(Unreadable::relative));
        return new Tree(files, folders, unreadable);
    }

    private static boolean looksLikeSqlFile(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql");
    }

    /**
     * The text of a file, which must be UTF-8. Decoding with {@code new String} is a vectorised
     * copy for ASCII; only a text holding U+FFFD, which may stand for malformed input, is decoded
     * again strictly to tell the two apart.
     */
    static String text(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            }
            text = text.startsWith("\uFEFF") ? text.substring(1) : text;
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < nul; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                throw CairnException.usage("file.nul", path + ":" + line + ":" + (nul - lineStart + 1)
                        + ": holds a NUL byte (0x00), which PostgreSQL does not accept in SQL text;"
                        + " remove it (write '\\x00' in a bytea literal if you meant the byte; a file saved as UTF-16"
                        + " is full of them: save it as UTF-8)");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw CairnException.usage("file.encoding", path + ": is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            throw CairnException.usage("file.unreadable", path + ": cannot be read: " + e.getMessage());
        }
    }

    /** Joins up and down parts into migrations and finds duplicate versions. */
    private static final class Assembly {

        static List<Migration> join(List<Part> parts, Map<Part, String> checksums, List<Problem> problems) {
            Map<Object, List<Part>> byVersion = new LinkedHashMap<>();
            for (Part p : parts) {
                byVersion.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
            }
            List<Migration> out = new ArrayList<>();
            for (List<Part> group : byVersion.values()) {
                one(group, checksums, problems).ifPresent(out::add);
            }
            out.sort(Comparator.comparing(Migration::version).thenComparing(Migration::description));
            return out;
        }

        private static Optional<Migration> one(List<Part> group, Map<Part, String> checksums, List<Problem> problems) {
            List<Part> ups = new ArrayList<>(1);
            List<Part> downs = new ArrayList<>(1);
            for (Part p : group) {
                (p.role() == Part.Role.DOWN ? downs : ups).add(p);
            }
            if (ups.isEmpty()) {
                Part d = downs.get(0);
                problems.add(new Problem("file.down-without-up", d.file().display() + ": is a down script of version "
                        + d.version() + " but there is no up script for that version; add the up file or remove this one"));
                return Optional.empty();
            }
            if (ups.size() > 1 || downs.size() > 1 || (!downs.isEmpty() && ups.get(0).down().isPresent())) {
                List<Part> clash = new ArrayList<>(ups);
                clash.addAll(downs);
                problems.add(new Problem("file.duplicate-version", (group.get(0).kind() == Migration.Kind.REPEATABLE
                        ? "repeatable migration '" + group.get(0).description() + "'"
                        : "version " + group.get(0).version()) + " is used by more than one file: " + clash.stream().map(p -> p.file().display()).toList()
                        + "; give each migration its own version"));
                return Optional.empty();
            }
            Part up = ups.get(0);
            if (!downs.isEmpty() && !downs.get(0).convention().equals(up.convention())) {
                problems.add(new Problem("file.duplicate-version", "version " + up.version() + ": "
                        + downs.get(0).file().display() + " (" + downs.get(0).convention() + ") is not the down script of "
                        + up.file().display() + " (" + up.convention() + "); give each migration its own version"));
                return Optional.empty();
            }
            var down = downs.isEmpty() ? up.down() : downs.get(0).down();
            SqlSource upScript = up.up().orElseThrow();
            Migration.Kind kind = Names.hasDirective(upScript.text(), "cairn:repeatable")
                    ? Migration.Kind.REPEATABLE : up.kind();
            return Optional.of(new Migration(up.version(), up.description(), up.script(), up.convention(),
                    kind, upScript, down.orElse(null), up.transaction(), checksums.get(up)));
        }
    }
}

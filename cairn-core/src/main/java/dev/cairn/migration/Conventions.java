package dev.cairn.migration;

import java.util.List;

/** Every convention Cairn reads. Discovery asks each of them about each file. */
public final class Conventions {

    /** All conventions, in no particular order: a file claimed by two of them is an error. */
    public static final List<Convention> ALL = List.of(
            new DbmateConvention(),
            new GolangMigrateConvention(),
            new ForwardRollbackConvention(),
            new DatedConvention(),
            new DrizzleConvention(),
            new FlywayConvention(),
            new DieselConvention(),
            new GooseConvention(),
            new SqlMigrateConvention(),
            new NumberedConvention());

    /** The convention of a new migration in an empty directory. */
    public static final Convention DEFAULT = named(DbmateConvention.NAME);

    private Conventions() {
    }

    /**
     * The convention of this name ({@link Migration#convention()}).
     *
     * @throws IllegalArgumentException when no convention has the name
     */
    public static Convention named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no convention is named " + name));
    }
}

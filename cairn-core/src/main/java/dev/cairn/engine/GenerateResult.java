package dev.cairn.engine;

import java.util.List;

/**
 * What {@code cairn generate} did.
 *
 * @param generated    false when the schemas were equal: nothing was written
 * @param files        the migration files written (or, in a dry run, that would be), with their text
 * @param dropsData    the tables and columns whose data the up drops
 * @param notGenerated the objects to write by hand, each as kind, name and definition (also in the file as comments)
 * @param recorded     the versions recorded as applied on the configured database
 * @param downLeftOut  true when the convention keeps no down scripts (drizzle-kit): the down was not written
 */
public record GenerateResult(boolean generated, boolean dryRun, List<File> files, List<String> dropsData,
                             List<NotGenerated> notGenerated, List<String> recorded, boolean downLeftOut)
        implements OperationResult {

    public GenerateResult {
        files = List.copyOf(files);
        dropsData = List.copyOf(dropsData);
        notGenerated = List.copyOf(notGenerated);
        recorded = List.copyOf(recorded);
    }

    /** No differences: nothing was generated. */
    @Override
    public boolean nothingToDo() {
        return !generated;
    }

    /** A file of the new migration: its path as given by the configuration's location, and its text. */
    public record File(String path, String text) {
    }

    /** An object left to be written by hand. */
    public record NotGenerated(String kind, String object, String definition) {
    }
}

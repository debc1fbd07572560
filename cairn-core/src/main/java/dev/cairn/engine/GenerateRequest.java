package dev.cairn.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What {@code cairn generate} is asked to do.
 *
 * @param name        the new migration's name, lowercase words joined by underscores
 * @param toSchema    a SQL file holding the desired schema, applied to a second scratch database
 * @param toUrl       a database holding the desired schema
 *                    (neither: the configured database is the desired schema)
 * @param record      record the new migration as applied on the configured database when it is the desired schema
 * @param dryRun      return the files' text without writing anything
 * @param unsafeFast  plain forms: indexes built in the migration's transaction, constraints validated at once
 * @param renames     {@code old:new} pairs, such as {@code public.users.email:mail}
 * @param askRename   asked when one column of a table goes and one of the same type comes: is it a rename?
 */
public record GenerateRequest(String name, Optional<Path> toSchema, Optional<String> toUrl, boolean record,
                              boolean dryRun, boolean unsafeFast, List<String> renames,
                              Predicate<RenameCandidate> askRename) {

    public GenerateRequest {
        renames = List.copyOf(renames);
    }

    /** The configured database as the desired schema, recorded, safe forms, no renames, no questions. */
    public static GenerateRequest of(String name) {
        return new GenerateRequest(name, Optional.empty(), Optional.empty(), true, false, false, List.of(),
                c -> false);
    }

    /** A column that went and one of the same type that came, in the same table. */
    public record RenameCandidate(String table, String from, String to, String type) {
    }
}

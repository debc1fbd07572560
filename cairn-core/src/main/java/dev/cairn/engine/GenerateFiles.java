package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.dialect.postgres.PgGenerator;
import dev.cairn.history.HistoryRow;
import dev.cairn.history.NewRow;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Convention;
import dev.cairn.migration.Migration;
import dev.cairn.migration.NewFile;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a generated migration with {@link NewMigration} (the directory's own convention) and, when
 * the desired schema was the configured database, records it there as applied.
 */
final class GenerateFiles {

    /** The leading comment that makes a migration run without a transaction, in every convention. */
    static final String NO_TRANSACTION = "-- cairn:no-transaction\n";

    private GenerateFiles() {
    }

    static GenerateResult write(Configuration config, Clock clock, GenerateRequest request,
                                PgGenerator.Generated g, boolean configured) {
        NewMigration next = new NewMigration(config, clock);
        Convention convention = next.convention();
        String between = convention.statementBreak();
        List<NewFile> made = new ArrayList<>();
        boolean onlineOnly = g.up().isEmpty() && g.up().dropsData().isEmpty();
        if (!onlineOnly) {
            made.addAll(next.create(request.name(), "", new NewMigration.Bodies(g.up().text(between),
                    g.down().text()), request.dryRun()));
        }
        if (g.onlineUp().isPresent()) {
            NewMigration.Bodies online = new NewMigration.Bodies(NO_TRANSACTION
                    + "-- Built outside a transaction so that writes go on meanwhile.\n"
                    + g.onlineUp().get().text(between), NO_TRANSACTION + g.onlineDown().orElseThrow().text());
            if (onlineOnly) {
                made.addAll(next.create(request.name(), "", online, request.dryRun()));
            } else if (request.dryRun()) {
                // Nothing was written, so the next number cannot be taken from the directory: say where it goes.
                made.add(new NewFile(Path.of("(the migration after " + made.get(0).path().getFileName()
                        + ") " + request.name() + "_online"), online.up()
                        + (convention.keepsDowns() ? "\n-- down:\n" + online.down() : "")));
            } else {
                made.addAll(next.create(request.name() + "_online", "", online, false));
            }
        }
        List<String> recorded = configured && request.record() && !request.dryRun() ? record(config, made) : List.of();
        List<String> drops = new ArrayList<>(g.up().dropsData());
        List<GenerateResult.NotGenerated> by = new ArrayList<>();
        g.up().notGenerated().forEach(u -> by.add(new GenerateResult.NotGenerated(u.kind(), u.object(), u.definition())));
        return new GenerateResult(true, request.dryRun(), made.stream()
                .map(f -> new GenerateResult.File(f.path().toString(), f.text())).toList(), drops, by, recorded,
                !convention.keepsDowns() && !g.down().isEmpty());
    }

    /** Records the new migrations as applied: the configured database already has what they do. */
    private static List<String> record(Configuration config, List<NewFile> made) {
        List<Migration> all = Discover.valid(config);
        Path home = config.locations().get(0).toAbsolutePath().normalize();
        List<Migration> mine = new ArrayList<>();
        for (Migration m : all) {
            Path script = home.resolve(m.script()).normalize();
            if (made.stream().anyMatch(f -> f.path().toAbsolutePath().normalize().equals(script))) {
                mine.add(m);
            }
        }
        try (Session db = Session.open(config)) {
            db.lock(Listener.NONE);
            db.ensureHistory(Listener.NONE);
            int batch = new Ledger(all, db.rows()).nextBatch();
            Transaction.run(db.connection, () -> {
                for (Migration m : mine) {
                    db.history.insert(db.connection, new NewRow(m.version().text(), m.description(), m.script(),
                            m.kind().label(), m.checksum(), m.up().text(), m.down().map(d -> d.text()), batch,
                            HistoryRow.Status.SUCCESS, m.transaction() != Migration.Transaction.NONE, 0, ""));
                }
            });
        } catch (SQLException e) {
            throw Jdbc.failed("the migration was written but could not be recorded as applied; record it with"
                    + " cairn baseline or apply it elsewhere", e);
        }
        return mine.stream().map(m -> m.version().text()).toList();
    }
}

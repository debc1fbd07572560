package dev.cairn.spring.boot;

import dev.cairn.Cairn;

/**
 * What runs at start-up in place of the default (validate when {@code cairn.validate-on-migrate}, then
 * migrate up to {@code cairn.target}). Declare one as a bean, for example to only validate:
 * {@code @Bean CairnMigrationStrategy validateOnly() { return cairn -> cairn.validate(); }}.
 * A {@link dev.cairn.error.CairnException} it throws stops the application with Cairn's message.
 */
@FunctionalInterface
public interface CairnMigrationStrategy {

    /** Runs at start-up, before anything that uses the database. */
    void migrate(Cairn cairn);
}

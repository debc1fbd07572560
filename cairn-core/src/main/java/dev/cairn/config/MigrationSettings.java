package dev.cairn.config;

import java.util.Optional;

/**
 * Settings for one migration kept in the configuration, so that adopted files stay
 * byte-identical: {@code [migrations."40"] transaction = false}.
 *
 * @param transaction false to run the migration without a transaction
 */
public record MigrationSettings(Optional<Boolean> transaction) {

    public static MigrationSettings none() {
        return new MigrationSettings(Optional.empty());
    }
}

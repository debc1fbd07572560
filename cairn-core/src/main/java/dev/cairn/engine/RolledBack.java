package dev.cairn.engine;

import java.time.Duration;

/**
 * One migration undone by {@code rollback}.
 *
 * @param downSource where the down script came from: {@code file} or {@code history} (stored at apply
 *                   time), {@code computed} (computed by Cairn at apply time), or {@code empty}: a down script with no statement, so nothing was undone
 */
public record RolledBack(String version, String script, int batch, Duration duration, String downSource) {
}

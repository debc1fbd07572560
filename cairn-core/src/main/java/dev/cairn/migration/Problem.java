package dev.cairn.migration;

/**
 * One thing wrong with the migrations, found without changing anything: a stable code and a
 * message that names the file or version and says what to do.
 */
public record Problem(String code, String message) {
}

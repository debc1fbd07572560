package dev.cairn.engine;

/** Receives {@link Event}s while an operation runs, on the calling thread. */
@FunctionalInterface
public interface Listener {

    Listener NONE = event -> { };

    void on(Event event);
}

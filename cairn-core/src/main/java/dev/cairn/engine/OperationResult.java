package dev.cairn.engine;

/**
 * What an operation that changes the database or the files did. Nothing to do is a result, not an
 * error, and every such result says so the same way.
 */
public interface OperationResult {

    /** Whether the operation found nothing to do and changed nothing. */
    boolean nothingToDo();
}

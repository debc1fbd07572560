package dev.cairn.engine;

/**
 * Whether a planned change may go ahead: every operation that asks (rollback, restore, re-runs of edited
 * migrations, repair, reset, unlock) asks this with its plan once every check has passed and before anything
 * changes. Refusing stops the operation with nothing changed (exit 6).
 *
 * @param <P> what is about to happen, such as the migrations a rollback would undo
 */
@FunctionalInterface
public interface Approval<P> {

    /** Whether {@code plan} may go ahead. */
    boolean approve(P plan);

    /** Approves every plan: for code that has asked already, or need not. */
    static <P> Approval<P> always() {
        return plan -> true;
    }
}

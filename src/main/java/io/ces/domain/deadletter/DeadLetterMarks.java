package io.ces.domain.deadletter;

/** The status operators gave dead letters, shared by every replica. */
public interface DeadLetterMarks {

    DeadLetterStatus status(String id);

    void mark(String id, DeadLetterStatus status);

    /**
     * Marks a pending dead letter replayed, atomically where the store allows it, so that two operators (or
     * replicas) cannot replay it twice; false if it was not pending.
     */
    default boolean claimForReplay(String id) {
        if (status(id) != DeadLetterStatus.PENDING) {
            return false;
        }
        mark(id, DeadLetterStatus.REPLAYED);
        return true;
    }

    /** Undoes {@link #claimForReplay(String)} after the replay failed. */
    default void releaseReplay(String id) {
        mark(id, DeadLetterStatus.PENDING);
    }
}

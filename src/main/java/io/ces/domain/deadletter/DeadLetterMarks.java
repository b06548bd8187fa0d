package io.ces.domain.deadletter;

/** The status operators gave dead letters, shared by every replica. */
public interface DeadLetterMarks {

    DeadLetterStatus status(String id);

    void mark(String id, DeadLetterStatus status);

    /**
     * Marks a pending dead letter replayed atomically, so that two operators (or replicas) cannot replay it twice;
     * false if it was not pending.
     */
    boolean claimForReplay(String id);

    /** Undoes {@link #claimForReplay(String)} after the replay failed. */
    void releaseReplay(String id);
}

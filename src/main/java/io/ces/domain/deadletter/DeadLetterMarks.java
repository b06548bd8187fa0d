package io.ces.domain.deadletter;

/** The status operators gave dead letters, shared by every replica. */
public interface DeadLetterMarks {

    DeadLetterStatus status(String id);

    void mark(String id, DeadLetterStatus status);
}

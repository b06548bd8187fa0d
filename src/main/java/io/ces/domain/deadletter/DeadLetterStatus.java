package io.ces.domain.deadletter;

/** What an operator has done with a dead letter; the topic itself is never rewritten. */
public enum DeadLetterStatus {
    /** Nobody acted on it yet. */
    PENDING,
    /** Written back to its original topic. */
    REPLAYED,
    /** Looked at and deliberately left alone; hidden from the default listing. */
    SKIPPED
}

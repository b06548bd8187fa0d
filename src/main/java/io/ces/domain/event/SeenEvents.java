package io.ces.domain.event;

/**
 * The CloudEvents seen recently, by source and id, shared by every replica: a producer that sends the same event
 * twice (a retry after a timeout, a replay) has it delivered once.
 */
public interface SeenEvents {

    /**
     * Whether the record at {@code position} is the first one within the window to carry this event. The same
     * record read again (by another replica, or after a restart) is still the first; only another record with the
     * same source and id is a duplicate. May throw when the shared store is unavailable; the caller retries.
     */
    boolean firstOccurrence(String source, String id, String position);
}

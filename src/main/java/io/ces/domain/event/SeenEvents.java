package io.ces.domain.event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * {@link #firstOccurrence} without waiting for the shared store, so that the next records' checks can start
     * meanwhile. Completes exceptionally when the store is unavailable.
     */
    default CompletionStage<Boolean> firstOccurrenceAsync(String source, String id, String position) {
        try {
            return CompletableFuture.completedFuture(firstOccurrence(source, id, position));
        } catch (RuntimeException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
    }
}

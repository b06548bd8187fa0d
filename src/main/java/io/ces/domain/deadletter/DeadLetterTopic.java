package io.ces.domain.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The dead-letter topic as operators work with it: read, find, replay, purge. */
public interface DeadLetterTopic {

    /**
     * The dead letters from {@code from} on (all when null) that {@code wanted} accepts, oldest first, reading at
     * most {@code maxScanned} records.
     */
    Scan scan(Instant from, Predicate<StoredDeadLetter> wanted, int limit, int maxScanned);

    Optional<StoredDeadLetter> find(String id);

    /** Writes the event back to {@code topic}, with these headers, and waits until it is stored. */
    void republish(String topic, String key, byte[] value, List<Map.Entry<String, byte[]>> headers);

    /** Deletes every dead letter stored before {@code before}; answers how many were deleted. */
    long purgeBefore(Instant before);

    /** What a scan found, and whether it stopped at its bound before the end of the topic. */
    record Scan(List<StoredDeadLetter> letters, int scanned, boolean truncated) {
    }
}

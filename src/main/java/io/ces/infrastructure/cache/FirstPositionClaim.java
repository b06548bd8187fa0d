package io.ces.infrastructure.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;

/**
 * Runs on the member that owns each key of a batch of idempotency checks: answers the position already recorded for
 * the event, or records the proposed one, to expire after the window. Atomic per key (it runs on the key's partition
 * thread), so two replicas checking the same event agree on which record was first.
 */
final class FirstPositionClaim implements EntryProcessor<String, String, String> {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> proposed;
    private final long windowSeconds;

    FirstPositionClaim(Map<String, String> proposed, long windowSeconds) {
        this.proposed = proposed instanceof HashMap<String, String> hash ? hash : new HashMap<>(proposed);
        this.windowSeconds = windowSeconds;
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
        String first = entry.getValue();
        if (first != null) {
            return first;
        }
        String position = proposed.get(entry.getKey());
        // the window counts from the first record, like the created-expiry policy of the JCache cache it replaces
        ((ExtendedMapEntry<String, String>) entry).setValue(position, windowSeconds, TimeUnit.SECONDS);
        return position;
    }
}

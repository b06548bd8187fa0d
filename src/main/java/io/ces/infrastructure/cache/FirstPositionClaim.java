package io.ces.infrastructure.cache;

import java.util.HashMap;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;

/**
 * Runs on the member that owns each key of a batch of idempotency checks: answers the position already recorded for
 * the event, or records the proposed one (which expires with the map's time to live, the window). Atomic per key (it runs on the key's partition
 * thread), so two replicas checking the same event agree on which record was first.
 */
final class FirstPositionClaim implements EntryProcessor<String, String, String> {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> proposed;

    FirstPositionClaim(Map<String, String> proposed) {
        this.proposed = proposed instanceof HashMap<String, String> hash ? hash : new HashMap<>(proposed);
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
        String first = entry.getValue();
        if (first != null) {
            return first;
        }
        String position = proposed.get(entry.getKey());
        entry.setValue(position); // never written again: the time to live counts from the first record
        return position;
    }
}

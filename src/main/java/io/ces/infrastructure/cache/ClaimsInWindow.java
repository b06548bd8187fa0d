package io.ces.infrastructure.cache;

import java.util.HashMap;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;

import io.ces.domain.event.SeenEventWindow;

/**
 * Runs on the member that owns each bucket of a batch of idempotency checks: claims the bucket's identities in its
 * {@link SeenEventWindow} and answers the earlier position of those another record carried first (none, usually, so
 * nothing is serialized back). Atomic per bucket (it runs on the bucket's partition thread), so two replicas checking
 * the same event agree on which record was first. A backup replays the same claims with the same time, so it holds
 * the same window.
 */
final class ClaimsInWindow implements EntryProcessor<Integer, SeenEventWindow, HashMap<String, String>> {

    private static final long serialVersionUID = 1L;

    private final HashMap<Integer, HashMap<String, String>> proposedByBucket;
    private final long nowMillis;
    private final long windowMillis;

    ClaimsInWindow(HashMap<Integer, HashMap<String, String>> proposedByBucket, long nowMillis, long windowMillis) {
        this.proposedByBucket = proposedByBucket;
        this.nowMillis = nowMillis;
        this.windowMillis = windowMillis;
    }

    @Override
    public HashMap<String, String> process(Map.Entry<Integer, SeenEventWindow> entry) {
        HashMap<String, String> proposed = proposedByBucket.get(entry.getKey());
        if (proposed == null) {
            return null;
        }
        SeenEventWindow window = entry.getValue() == null ? new SeenEventWindow() : entry.getValue();
        HashMap<String, String> earlier = null;
        for (Map.Entry<String, String> claim : proposed.entrySet()) {
            String first = window.claim(claim.getKey(), claim.getValue(), nowMillis, windowMillis);
            if (!first.equals(claim.getValue())) {
                if (earlier == null) {
                    earlier = new HashMap<>();
                }
                earlier.put(claim.getKey(), first);
            }
        }
        entry.setValue(window); // the same object, changed in place: set so that the change reaches the backup
        return earlier;
    }
}

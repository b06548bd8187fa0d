package io.ces.infrastructure.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;

import io.ces.domain.event.SeenEventWindow;

/**
 * Runs on the member that owns each bucket of a batch of idempotency checks: claims the bucket's identities in its
 * {@link SeenEventWindow} and answers the numbers of the claims that another record carried first (none, usually,
 * so nothing is serialized back). Atomic per bucket (it runs on the bucket's partition thread), so two replicas
 * checking the same event agree on which record was first. A backup replays the same claims with the same time, so
 * it holds the same window.
 */
final class ClaimsInWindow implements EntryProcessor<Integer, SeenEventWindow, int[]> {

    private static final long serialVersionUID = 2L;

    private final HashMap<Integer, BucketClaims> claimsByBucket;
    private final long nowMillis;
    private final long windowMillis;

    ClaimsInWindow(HashMap<Integer, BucketClaims> claimsByBucket, long nowMillis, long windowMillis) {
        this.claimsByBucket = claimsByBucket;
        this.nowMillis = nowMillis;
        this.windowMillis = windowMillis;
    }

    @Override
    public int[] process(Map.Entry<Integer, SeenEventWindow> entry) {
        BucketClaims claims = claimsByBucket.get(entry.getKey());
        if (claims == null) {
            return null;
        }
        SeenEventWindow window = entry.getValue() == null ? new SeenEventWindow() : entry.getValue();
        int[] repeats = null;
        int repeated = 0;
        for (int claim = 0; claim < claims.count(); claim++) {
            if (!window.claim(claims.identityHigh(claim), claims.identityLow(claim), claims.position(claim), nowMillis,
                    windowMillis)) {
                if (repeats == null) {
                    repeats = new int[claims.count()];
                }
                repeats[repeated++] = claim;
            }
        }
        entry.setValue(window); // the same object, changed in place: set so that the change reaches the backup
        return repeats == null ? null : Arrays.copyOf(repeats, repeated);
    }
}

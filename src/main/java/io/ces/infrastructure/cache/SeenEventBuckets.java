package io.ces.infrastructure.cache;

import java.util.HashMap;
import java.util.Map;

/**
 * Splits the idempotency window into {@value #BUCKETS} buckets by the identity's hash, the same on every member: each
 * bucket is one entry of the shared map, owned by one member, so a batch of checks makes at most {@value #BUCKETS}
 * partition operations, and 32 still spreads the window over the members of any likely cluster.
 */
final class SeenEventBuckets {

    static final int BUCKETS = 32;
    private static final int BUCKET_BITS = Integer.numberOfTrailingZeros(BUCKETS);

    private SeenEventBuckets() {
    }

    /** The claims of a batch, grouped by bucket: what one multi-key operation sends. */
    static HashMap<Integer, HashMap<String, String>> group(Map<String, String> proposed) {
        HashMap<Integer, HashMap<String, String>> byBucket = new HashMap<>();
        proposed.forEach((identity, position) ->
                byBucket.computeIfAbsent(of(identity), bucket -> new HashMap<>()).put(identity, position));
        return byBucket;
    }

    static int of(String identity) {
        // the high bits of a multiplicative hash: the low bits of String.hashCode repeat for keys that differ at the end
        return (identity.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - BUCKET_BITS);
    }
}

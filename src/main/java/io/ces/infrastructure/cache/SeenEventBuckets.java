package io.ces.infrastructure.cache;

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

    static int of(String identity) {
        // the high bits of a multiplicative hash: the low bits of String.hashCode repeat for keys that differ at the end
        return (identity.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - BUCKET_BITS);
    }
}

package io.ces.infrastructure.cache;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import io.ces.domain.event.Fingerprint;

/**
 * Splits the idempotency window into {@value #BUCKETS} buckets by the identity's fingerprint, the same on every
 * member: each bucket is one entry of the shared map, owned by one member, so a batch of checks makes at most
 * {@value #BUCKETS} partition operations, and 32 still spreads the window over the members of any likely cluster.
 */
final class SeenEventBuckets {

    static final int BUCKETS = 32;
    private static final int BUCKET_BITS = Integer.numberOfTrailingZeros(BUCKETS);

    private SeenEventBuckets() {
    }

    /**
     * The claims of a batch (identity to proposed position), fingerprinted and grouped by bucket: what one
     * multi-key operation sends. A position is kept as 64 bits of its fingerprint: two records of one event whose
     * positions shared them (a chance of 2⁻⁶⁴) would both be delivered, never neither.
     */
    static HashMap<Integer, BucketClaims> group(Map<String, String> proposed) {
        MessageDigest digest = Fingerprint.digest();
        HashMap<Integer, BucketClaims> byBucket = new HashMap<>();
        proposed.forEach((identity, position) -> {
            Fingerprint fingerprint = Fingerprint.of(identity, digest);
            byBucket.computeIfAbsent(of(fingerprint), bucket -> new BucketClaims())
                    .add(identity, fingerprint, Fingerprint.of(position, digest).high());
        });
        return byBucket;
    }

    /** The top bits of the fingerprint's high half: the window's own index uses the low half. */
    static int of(Fingerprint identity) {
        return (int) (identity.high() >>> (Long.SIZE - BUCKET_BITS));
    }
}

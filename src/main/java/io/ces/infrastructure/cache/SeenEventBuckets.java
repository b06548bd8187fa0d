package io.ces.infrastructure.cache;

import com.hazelcast.partition.PartitioningStrategy;

/**
 * Places the idempotency window's keys in a few partitions: {@value #BUCKETS} of Hazelcast's 271, chosen by the key's
 * hash, the same on every member.
 *
 * <p>An entry processor over a set of keys runs one operation per partition that holds some of them. Spread over
 * every partition, a batch of 512 checks made about 230 operations, each a task handed to a partition thread; in 32
 * partitions it makes at most 32, which measured three times faster per batch (docs/performance.md, ingest). 32
 * still spreads the window over the members of any likely cluster.
 */
public final class SeenEventBuckets implements PartitioningStrategy<Object> {

    private static final long serialVersionUID = 1L;
    static final int BUCKETS = 32;
    private static final int BUCKET_BITS = Integer.numberOfTrailingZeros(BUCKETS);

    @Override
    public Object getPartitionKey(Object key) {
        // the high bits of a multiplicative hash: the low bits of String.hashCode repeat for keys that differ at the end
        return (key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - BUCKET_BITS);
    }
}

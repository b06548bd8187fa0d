package io.ces.infrastructure.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.BatchedSeenEvents;

class SeenEventBucketsTest {

    private final SeenEventBuckets buckets = new SeenEventBuckets();

    @Test
    void everyMemberPlacesAKeyInTheSameBucketAndABatchInFewOfThem() {
        Set<Object> used = new HashSet<>();
        for (int i = 0; i < 512; i++) {
            String key = BatchedSeenEvents.identity("/orders", "e-" + i);
            Object bucket = buckets.getPartitionKey(key);
            assertEquals(bucket, new SeenEventBuckets().getPartitionKey(new String(key)));
            used.add(bucket);
        }
        assertEquals(SeenEventBuckets.BUCKETS, used.size(), "a batch of 512 spreads over every bucket, and no more");
        for (Object bucket : used) {
            assertTrue((Integer) bucket >= 0 && (Integer) bucket < SeenEventBuckets.BUCKETS, "bucket " + bucket);
        }
    }

    @Test
    void aKeyWithANegativeHashStillGetsABucket() {
        String negative = "polygenelubricants"; // String.hashCode() == Integer.MIN_VALUE
        assertEquals(Integer.MIN_VALUE, negative.hashCode());
        int bucket = (Integer) buckets.getPartitionKey(negative);
        assertTrue(bucket >= 0 && bucket < SeenEventBuckets.BUCKETS, "bucket " + bucket);
    }
}

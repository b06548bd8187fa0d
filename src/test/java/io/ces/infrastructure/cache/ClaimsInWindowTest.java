package io.ces.infrastructure.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import io.ces.domain.event.BatchedSeenEvents;
import io.ces.domain.event.SeenEventWindow;

/** The window's entry processor on a real two-member Hazelcast cluster in this JVM, with a backup of every bucket. */
class ClaimsInWindowTest {

    private static final long WINDOW = 300_000;
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void cluster() {
        first = Hazelcast.newHazelcastInstance(config());
        second = Hazelcast.newHazelcastInstance(config());
        assertEquals(2, first.getCluster().getMembers().size(), "the two members form one cluster");
    }

    private static Config config() {
        Config config = LocalMembers.config("ces-claims-test", 25801, 3);
        config.addMapConfig(new MapConfig(HazelcastSeenEvents.MAP).setInMemoryFormat(InMemoryFormat.OBJECT));
        return config;
    }

    @AfterAll
    static void stop() {
        Hazelcast.shutdownAll();
    }

    /** Claims on {@code member} as HazelcastSeenEvents does: grouped by bucket, one multi-key operation. */
    private static Set<String> claim(HazelcastInstance member, Map<String, String> proposed, long now) {
        HashMap<Integer, BucketClaims> byBucket = SeenEventBuckets.group(proposed);
        IMap<Integer, SeenEventWindow> map = member.getMap(HazelcastSeenEvents.MAP);
        Set<String> repeats = new HashSet<>();
        map.executeOnKeys(byBucket.keySet(), new ClaimsInWindow(byBucket, now, WINDOW)).forEach((bucket, numbers) -> {
            for (int number : numbers) {
                repeats.add(byBucket.get(bucket).identity(number));
            }
        });
        return repeats;
    }

    private static Map<String, String> events(String prefix, int count, String position) {
        Map<String, String> proposed = new HashMap<>();
        for (int i = 0; i < count; i++) {
            proposed.put(BatchedSeenEvents.identity("/orders", prefix + i), position + i);
        }
        return proposed;
    }

    @Test
    void bothMembersAgreeOnTheFirstRecordOfEveryEventAndOnlyRepeatsAreAnswered() {
        Map<String, String> fromFirst = events("a-", 500, "orders-0@");
        assertEquals(Set.of(), claim(first, fromFirst, 1_000), "every event is new: nothing comes back");
        assertEquals(Set.of(), claim(first, fromFirst, 2_000), "the same records read again are first");

        Map<String, String> fromSecond = events("a-", 500, "orders-1@"); // the same events in other records
        fromSecond.putAll(events("b-", 500, "orders-1@"));
        assertEquals(fromFirst.keySet(), claim(second, fromSecond, 3_000),
                "the other member is told the first member's events are repeats, and only those");
    }

    @Test
    void aBatchTouchesAtMostOneEntryPerBucket() {
        HashMap<Integer, BucketClaims> byBucket = SeenEventBuckets.group(events("c-", 1024, "orders-0@"));
        assertEquals(SeenEventBuckets.BUCKETS, byBucket.size());
        byBucket.keySet().forEach(bucket -> assertTrue(bucket >= 0 && bucket < SeenEventBuckets.BUCKETS, "bucket " + bucket));
        assertEquals(1024, byBucket.values().stream().mapToInt(BucketClaims::count).sum());
    }

    @Test
    void aLoneBucketGoesAsOneOperationAndAnswersNullWhenFirst() {
        String identity = BatchedSeenEvents.identity("/crm", "lone");
        IMap<Integer, SeenEventWindow> map = second.getMap(HazelcastSeenEvents.MAP);
        HashMap<Integer, BucketClaims> proposed = SeenEventBuckets.group(Map.of(identity, "crm-0@1"));
        int bucket = proposed.keySet().iterator().next();
        assertNull(map.executeOnKey(bucket, new ClaimsInWindow(proposed, 1_000, WINDOW)));
        HashMap<Integer, BucketClaims> again = SeenEventBuckets.group(Map.of(identity, "crm-0@2"));
        assertArrayEquals(new int[] { 0 }, map.executeOnKey(bucket, new ClaimsInWindow(again, 1_500, WINDOW)));
    }

    @Test
    void theWindowOutlivesTheMemberThatOwnedItsBuckets() {
        HazelcastInstance third = Hazelcast.newHazelcastInstance(config());
        try {
            Map<String, String> claimed = events("d-", 300, "orders-2@");
            assertEquals(Set.of(), claim(third, claimed, 10_000));
        } finally {
            third.shutdown(); // its buckets' backups on the other members take over
        }
        Map<String, String> again = events("d-", 300, "orders-5@");
        assertEquals(again.keySet(), claim(first, again, 11_000));
    }
}

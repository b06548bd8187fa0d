package io.ces.infrastructure.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.map.IMap;

import io.ces.domain.event.BatchedSeenEvents;
import io.ces.domain.event.SeenEventWindow;
import io.ces.domain.event.SeenEvents;

/**
 * The idempotency window in the Hazelcast map {@code ces-seen-event-fingerprints}: {@value SeenEventBuckets#BUCKETS}
 * entries, one {@link SeenEventWindow} per bucket of event identities, each the position of the first record that
 * carried an event, forgotten {@code ces.idempotency.window-seconds} after it was first seen. Identities and
 * positions travel and are kept as {@link io.ces.domain.event.Fingerprint}s.
 *
 * <p>A map rather than a JCache cache because the checks go in batches ({@link BatchedSeenEvents}): an entry
 * processor over a set of keys ({@link IMap#executeOnKeys}) is one operation per member, running one task per
 * partition, whereas Hazelcast's JCache {@code invokeAll} is one operation per key. A bucket per entry, not an
 * identity per entry, because Hazelcast's per-entry bookkeeping (a record, its expiry, the key's hash over its
 * serialized form) was the ingest's largest cost: about 10 µs of a partition thread's CPU per check
 * (docs/performance.md, ingest).
 */
@ApplicationScoped
public class HazelcastSeenEvents implements SeenEvents {

    static final String MAP = "ces-seen-event-fingerprints";
    /**
     * Half of what the routing pipeline holds in flight, so that the next batch gathers while one is answered.
     */
    private static final int MAX_BATCH = 1024;
    private static final CompletionStage<Boolean> FIRST = CompletableFuture.completedFuture(true);

    @Inject
    HazelcastMember member;

    @Inject
    @ConfigProperty(name = "ces.idempotency.window-seconds", defaultValue = "300")
    long windowSeconds;

    private IMap<Integer, SeenEventWindow> map;
    private BatchedSeenEvents batches;

    @PostConstruct
    void open() {
        if (windowSeconds > 0) {
            map = member.objectMap(MAP);
            batches = new BatchedSeenEvents(this::claim, MAX_BATCH, HazelcastSeenEvents::senderThread);
        }
    }

    /**
     * A plain daemon thread: Liberty's quiesce waits for managed threads that never end. It calls only Hazelcast,
     * and blocks on its answer, which Hazelcast's own I/O and partition threads may not do.
     */
    private static Thread senderThread(Runnable sending) {
        Thread thread = new Thread(sending, "ces-seen-events");
        thread.setDaemon(true);
        return thread;
    }

    @PreDestroy
    void close() {
        if (batches != null) {
            batches.close();
        }
    }

    /**
     * A batch in one bucket (a lone check, the common case at light load) goes as one partition operation; only
     * several buckets need the multi-key operation, whose answer Hazelcast assembles in a callback on its
     * asynchronous executor.
     */
    private Set<String> claim(Map<String, String> proposed) {
        HashMap<Integer, BucketClaims> byBucket = SeenEventBuckets.group(proposed);
        ClaimsInWindow claims = new ClaimsInWindow(byBucket, System.currentTimeMillis(), windowSeconds * 1000);
        if (byBucket.size() == 1) {
            Map.Entry<Integer, BucketClaims> lone = byBucket.entrySet().iterator().next();
            return repeats(lone.getValue(), map.executeOnKey(lone.getKey(), claims), new HashSet<>());
        }
        Set<String> repeats = new HashSet<>();
        map.executeOnKeys(byBucket.keySet(), claims)
                .forEach((bucket, numbers) -> repeats(byBucket.get(bucket), numbers, repeats));
        return repeats;
    }

    private static Set<String> repeats(BucketClaims claims, int[] numbers, Set<String> repeats) {
        if (numbers != null) {
            for (int number : numbers) {
                repeats.add(claims.identity(number));
            }
        }
        return repeats;
    }

    @Override
    public boolean firstOccurrence(String source, String id, String position) {
        return batches == null || batches.firstOccurrence(source, id, position);
    }

    @Override
    public CompletionStage<Boolean> firstOccurrenceAsync(String source, String id, String position) {
        return batches == null ? FIRST : batches.firstOccurrenceAsync(source, id, position);
    }
}

package io.ces.infrastructure.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.map.IMap;

import io.ces.domain.event.BatchedSeenEvents;
import io.ces.domain.event.SeenEvents;

/**
 * The idempotency window in the Hazelcast map {@code ces-seen-events}: event identity to the position of the first
 * record that carried it, forgotten {@code ces.idempotency.window-seconds} after it was first seen.
 *
 * <p>A map rather than a JCache cache because the checks go in batches ({@link BatchedSeenEvents}): an entry
 * processor over a set of keys ({@link IMap#executeOnKeys}) is one operation per member, each running the keys of
 * that member's partitions, whereas Hazelcast's JCache {@code invokeAll} is one operation per key. The keys live in
 * a few partitions ({@link SeenEventBuckets}), so that a batch makes few partition operations.
 */
@ApplicationScoped
public class HazelcastSeenEvents implements SeenEvents {

    static final String MAP = "ces-seen-events";
    /**
     * Half of what the routing pipeline holds in flight, so that the next batch gathers while one is answered. Per
     * check, a batch of 1,024 cost a third less than one of 512, and one of 2,048 no less than 1,024.
     */
    private static final int MAX_BATCH = 1024;
    private static final CompletionStage<Boolean> FIRST = CompletableFuture.completedFuture(true);

    @Inject
    HazelcastMember member;

    @Inject
    @ConfigProperty(name = "ces.idempotency.window-seconds", defaultValue = "300")
    long windowSeconds;

    private IMap<String, String> map;
    private BatchedSeenEvents batches;

    @PostConstruct
    void open() {
        if (windowSeconds > 0) {
            map = member.expiringMap(MAP, Duration.ofSeconds(windowSeconds), SeenEventBuckets.class);
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
     * A lone check (the common case at light load) goes as one partition operation; only a batch needs the
     * multi-key operation, whose answer Hazelcast assembles in a callback on its asynchronous executor.
     */
    private Map<String, String> claim(Map<String, String> proposed) {
        if (proposed.size() == 1) {
            Map.Entry<String, String> only = proposed.entrySet().iterator().next();
            String first = map.executeOnKey(only.getKey(), new FirstPositionClaim(proposed));
            return first == null ? Map.of() : Map.of(only.getKey(), first);
        }
        return map.executeOnKeys(proposed.keySet(), new FirstPositionClaim(proposed));
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

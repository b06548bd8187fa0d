package io.ces.infrastructure.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.cache.ICache;

import io.ces.domain.event.SeenEvents;

/**
 * The idempotency window in the JCache cache {@code ces-seen-events}: event identity to the position of the first
 * record that carried it, forgotten {@code ces.idempotency.window-seconds} after it was first seen.
 */
@ApplicationScoped
public class JCacheSeenEvents implements SeenEvents {

    static final String CACHE = "ces-seen-events";

    @Inject
    HazelcastMember member;

    @Inject
    @ConfigProperty(name = "ces.idempotency.window-seconds", defaultValue = "300")
    long windowSeconds;

    @Resource
    ManagedExecutorService executor;

    private ICache<String, String> cache;

    @PostConstruct
    void open() {
        if (windowSeconds > 0) {
            cache = member.expiringCache(CACHE, String.class, Duration.ofSeconds(windowSeconds));
        }
    }

    private static final CompletionStage<Boolean> FIRST = CompletableFuture.completedFuture(true);
    private static final Executor ON_COMPLETING_THREAD = Runnable::run;

    @Override
    public boolean firstOccurrence(String source, String id, String position) {
        if (cache == null) {
            return true;
        }
        String identity = identity(source, id);
        if (cache.putIfAbsent(identity, position)) {
            return true;
        }
        String first = cache.get(identity);
        return first == null || first.equals(position);
    }

    @Override
    public CompletionStage<Boolean> firstOccurrenceAsync(String source, String id, String position) {
        if (cache == null) {
            return FIRST;
        }
        String identity = identity(source, id);
        try {
            // Hazelcast runs the operations on one key in the order they were sent, so of two records with the
            // same event checked concurrently, the one read first still wins. The common answer ("stored") is
            // passed on by the thread that completes the operation: Hazelcast's default for callbacks is the common
            // pool, or a new thread per callback on a machine with two cores. The read that follows a refusal is
            // started from the container's executor: Hazelcast forbids its own response threads any remote call.
            return cache.putIfAbsentAsync(identity, position).thenComposeAsync(stored -> stored ? FIRST
                    : CompletableFuture.supplyAsync(() -> cache.getAsync(identity), executor)
                            .thenCompose(first -> first.thenApplyAsync(
                                    recorded -> recorded == null || recorded.equals(position), ON_COMPLETING_THREAD)),
                    ON_COMPLETING_THREAD);
        } catch (RuntimeException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
    }

    /** The length prefix keeps ("a:b", "c") and ("a", "b:c") apart. */
    private static String identity(String source, String id) {
        return source.length() + ":" + source + id;
    }
}

package io.ces.infrastructure.cache;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
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

    private ICache<String, String> cache;

    @PostConstruct
    void open() {
        if (windowSeconds > 0) {
            cache = member.expiringCache(CACHE, String.class, Duration.ofSeconds(windowSeconds));
        }
    }

    @Override
    public boolean firstOccurrence(String source, String id, String position) {
        if (cache == null) {
            return true;
        }
        // the length prefix keeps ("a:b", "c") and ("a", "b:c") apart
        String identity = source.length() + ":" + source + id;
        if (cache.putIfAbsent(identity, position)) {
            return true;
        }
        String first = cache.get(identity);
        return first == null || first.equals(position);
    }
}

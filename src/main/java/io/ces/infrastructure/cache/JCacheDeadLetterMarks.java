package io.ces.infrastructure.cache;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.hazelcast.cache.ICache;

import io.ces.domain.deadletter.DeadLetterMarks;
import io.ces.domain.deadletter.DeadLetterStatus;

/**
 * Dead-letter statuses in the JCache cache {@code ces-dead-letter-marks}, kept 30 days: longer than a dead-letter
 * topic usually retains its records.
 */
@ApplicationScoped
public class JCacheDeadLetterMarks implements DeadLetterMarks {

    static final String CACHE = "ces-dead-letter-marks";

    @Inject
    HazelcastMember member;

    private ICache<String, String> cache;

    @PostConstruct
    void open() {
        cache = member.expiringCache(CACHE, String.class, Duration.ofDays(30));
    }

    @Override
    public DeadLetterStatus status(String id) {
        String status = cache.get(id);
        return status == null ? DeadLetterStatus.PENDING : DeadLetterStatus.valueOf(status);
    }

    @Override
    public void mark(String id, DeadLetterStatus status) {
        cache.put(id, status.name());
    }

    @Override
    public boolean claimForReplay(String id) {
        // an absent entry is a pending dead letter
        return cache.putIfAbsent(id, DeadLetterStatus.REPLAYED.name());
    }

    @Override
    public void releaseReplay(String id) {
        cache.remove(id, DeadLetterStatus.REPLAYED.name());
    }
}

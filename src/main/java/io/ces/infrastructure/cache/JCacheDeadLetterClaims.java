package io.ces.infrastructure.cache;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.cache.ICache;

import io.ces.domain.deadletter.DeadLetterClaims;

/**
 * Claims on dead letters in the JCache cache {@code ces-dead-letter-claims}, kept for a day: long after every
 * replica has read the record.
 */
@ApplicationScoped
public class JCacheDeadLetterClaims implements DeadLetterClaims {

    static final String CACHE = "ces-dead-letter-claims";

    @Inject
    HazelcastMember member;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private ICache<String, String> cache;

    @PostConstruct
    void open() {
        cache = member.expiringCache(CACHE, String.class, Duration.ofDays(1));
    }

    @Override
    public boolean claim(String claimKey) {
        return cache.putIfAbsent(claimKey, replicaId) || replicaId.equals(cache.get(claimKey));
    }
}

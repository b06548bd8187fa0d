package io.ces.infrastructure.cache;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.hazelcast.cache.ICache;

import io.ces.domain.receipt.ReceiptClaims;

/**
 * Claims on receipts in the JCache cache {@code ces-receipt-claims}, shared by the replicas and kept for a day: a
 * session cannot outlive its grace period by that much, so a repeated ack within its life is never published twice.
 */
@ApplicationScoped
public class JCacheReceiptClaims implements ReceiptClaims {

    static final String CACHE = "ces-receipt-claims";

    @Inject
    HazelcastMember member;

    private ICache<String, Boolean> cache;

    @PostConstruct
    void open() {
        cache = member.expiringCache(CACHE, Boolean.class, Duration.ofDays(1));
    }

    @Override
    public boolean claim(String key) {
        return cache.putIfAbsent(key, Boolean.TRUE);
    }

    @Override
    public void release(String key) {
        cache.remove(key);
    }
}

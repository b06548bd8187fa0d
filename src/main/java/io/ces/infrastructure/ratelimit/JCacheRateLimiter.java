package io.ces.infrastructure.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;

import io.ces.domain.ratelimit.LimitedAction;
import io.ces.domain.ratelimit.RateLimitDecision;
import io.ces.domain.ratelimit.RateLimitPolicy;
import io.ces.domain.ratelimit.RateLimiter;
import io.ces.infrastructure.cache.HazelcastMember;
import io.ces.infrastructure.config.RateLimitSettings;

/**
 * Token buckets in the JCache cache {@code ces-rate-limits}, one per limit and subject, shared by every replica:
 * Bucket4j changes a bucket with an entry processor on the member that owns it, so concurrent attempts on different
 * replicas take tokens from the same bucket. An entry expires once it was left alone long enough to be full again.
 */
@ApplicationScoped
public class JCacheRateLimiter implements RateLimiter {

    static final String CACHE = "ces-rate-limits";
    private static final Logger LOG = Logger.getLogger(JCacheRateLimiter.class.getName());
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    @Inject
    HazelcastMember member;

    @Inject
    RateLimitSettings settings;

    @Inject
    MetricRegistry metrics;

    private final Map<LimitedAction, BucketConfiguration> buckets = new EnumMap<>(LimitedAction.class);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private ProxyManager<String> proxies;

    @PostConstruct
    void open() {
        for (LimitedAction action : LimitedAction.values()) {
            RateLimitPolicy policy = settings.policy(action);
            if (policy.enabled()) {
                buckets.put(action, BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(policy.capacity())
                                .refillGreedy(policy.refillTokens(), policy.refillPeriod()))
                        .build());
            }
        }
        if (buckets.isEmpty()) {
            return;
        }
        // Expiry after the last change, not after creation: a bucket in use never resets to full.
        Duration keep = settings.longestTimeToFill().plusSeconds(1);
        MutableConfiguration<String, byte[]> configuration = new MutableConfiguration<String, byte[]>()
                .setTypes(String.class, byte[].class)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new ModifiedExpiryPolicy(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, keep.toSeconds()))));
        proxies = Bucket4jJCache.entryProcessorBasedBuilder(member.cache(CACHE, configuration)).build();
    }

    @Override
    public Optional<RateLimitDecision> tryConsume(LimitedAction action, String subject) {
        BucketConfiguration configuration = buckets.get(action);
        if (configuration == null) {
            return Optional.empty();
        }
        ConsumptionProbe probe;
        try {
            probe = proxies.builder().build(action.settingName() + ":" + subject, () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException unavailable) {
            warnUnavailable(unavailable);
            return Optional.empty();
        }
        if (!probe.isConsumed()) {
            metrics.counter("ces_rate_limited_total", new Tag("limit", action.settingName())).inc();
        }
        return Optional.of(new RateLimitDecision(probe.isConsumed(), settings.policy(action).capacity(),
                probe.getRemainingTokens(), probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset()));
    }

    /** At most one warning a minute: an unreachable cache would otherwise log once per request. */
    private void warnUnavailable(RuntimeException failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "CES0601W: the rate-limit buckets in cache " + CACHE
                    + " cannot be reached; attempts are allowed unchecked until they can", failure);
        }
    }
}

package io.ces.infrastructure.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.ratelimit.LimitedAction;
import io.ces.domain.ratelimit.RateLimitPolicy;

/**
 * The rate-limit settings ({@code ces.rate-limit.*}), read once and checked at startup like {@link GatewaySettings}:
 * a bad value stops the deployment with a message that names the property.
 */
@ApplicationScoped
public class RateLimitSettings {

    static final String PREFIX = "ces.rate-limit.";
    public static final int MAX_TRUSTED_PROXY_HOPS = 10;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.registrations.enabled", defaultValue = "true")
    boolean registrationsEnabled;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.registrations.capacity", defaultValue = "60")
    long registrationsCapacity;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.registrations.refill-tokens", defaultValue = "60")
    long registrationsRefillTokens;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.registrations.refill-seconds", defaultValue = "60")
    long registrationsRefillSeconds;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.connections.enabled", defaultValue = "true")
    boolean connectionsEnabled;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.connections.capacity", defaultValue = "120")
    long connectionsCapacity;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.connections.refill-tokens", defaultValue = "120")
    long connectionsRefillTokens;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.connections.refill-seconds", defaultValue = "60")
    long connectionsRefillSeconds;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.frames.enabled", defaultValue = "true")
    boolean framesEnabled;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.frames.capacity", defaultValue = "200")
    long framesCapacity;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.frames.refill-tokens", defaultValue = "100")
    long framesRefillTokens;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.frames.refill-seconds", defaultValue = "10")
    long framesRefillSeconds;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.frames.excess", defaultValue = "20")
    long framesExcess;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.publish.enabled", defaultValue = "true")
    boolean publishEnabled;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.publish.capacity", defaultValue = "30")
    long publishCapacity;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.publish.refill-tokens", defaultValue = "30")
    long publishRefillTokens;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.publish.refill-seconds", defaultValue = "60")
    long publishRefillSeconds;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.typing.enabled", defaultValue = "true")
    boolean typingEnabled;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.typing.capacity", defaultValue = "3")
    long typingCapacity;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.typing.refill-tokens", defaultValue = "1")
    long typingRefillTokens;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.typing.refill-seconds", defaultValue = "2")
    long typingRefillSeconds;

    @Inject
    @ConfigProperty(name = "ces.rate-limit.trusted-proxy-hops", defaultValue = "0")
    int trustedProxyHops;

    private final Map<LimitedAction, RateLimitPolicy> policies = new EnumMap<>(LimitedAction.class);

    @PostConstruct
    void validate() {
        policies.put(LimitedAction.SESSION_REGISTRATION, RateLimitPolicy.fromSettings(PREFIX + "registrations",
                registrationsEnabled, registrationsCapacity, registrationsRefillTokens, registrationsRefillSeconds));
        policies.put(LimitedAction.WEBSOCKET_CONNECT, RateLimitPolicy.fromSettings(PREFIX + "connections",
                connectionsEnabled, connectionsCapacity, connectionsRefillTokens, connectionsRefillSeconds));
        policies.put(LimitedAction.CLIENT_FRAME, RateLimitPolicy.fromSettings(PREFIX + "frames",
                framesEnabled, framesCapacity, framesRefillTokens, framesRefillSeconds));
        policies.put(LimitedAction.EVENT_PUBLISH, RateLimitPolicy.fromSettings(PREFIX + "publish",
                publishEnabled, publishCapacity, publishRefillTokens, publishRefillSeconds));
        policies.put(LimitedAction.TYPING, RateLimitPolicy.fromSettings(PREFIX + "typing",
                typingEnabled, typingCapacity, typingRefillTokens, typingRefillSeconds));
        if (framesExcess < 1 || framesExcess > RateLimitPolicy.MAX_TOKENS) {
            throw new IllegalArgumentException(PREFIX + "frames.excess must be between 1 and "
                    + RateLimitPolicy.MAX_TOKENS + ", was " + framesExcess);
        }
        // The excess budget refills fully every frame period: a client that only now and then goes too fast is
        // answered with error frames, never closed.
        policies.put(LimitedAction.EXCESS_FRAME, new RateLimitPolicy(framesEnabled, framesExcess, framesExcess,
                Duration.ofSeconds(framesRefillSeconds)));
        if (trustedProxyHops < 0 || trustedProxyHops > MAX_TRUSTED_PROXY_HOPS) {
            throw new IllegalArgumentException(PREFIX + "trusted-proxy-hops must be between 0 and "
                    + MAX_TRUSTED_PROXY_HOPS + ", was " + trustedProxyHops);
        }
    }

    /** Creating the bean at startup makes a bad value stop the deployment instead of failing a later request. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    public RateLimitPolicy policy(LimitedAction action) {
        return policies.get(action);
    }

    /** How long an idle bucket of any limit must be kept: the longest time any bucket takes to fill up again. */
    public Duration longestTimeToFill() {
        return policies.values().stream().map(RateLimitPolicy::timeToFill).max(Duration::compareTo)
                .orElse(Duration.ofMinutes(1));
    }

    /**
     * How many proxies in front of CES append to X-Forwarded-For; 0: the header is ignored and the client is the
     * connection's remote address.
     */
    public int trustedProxyHops() {
        return trustedProxyHops;
    }
}

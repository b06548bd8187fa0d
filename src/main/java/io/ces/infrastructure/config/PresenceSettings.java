package io.ces.infrastructure.config;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The presence settings ({@code ces.presence.*} and the presence topic), checked at startup: a bad value stops the
 * deployment with a message that names the property. The typing rate limit is with the others in
 * {@link RateLimitSettings}.
 */
@ApplicationScoped
public class PresenceSettings {

    public static final int MAX_LISTED_MEMBERS = 10_000;

    @Inject
    @ConfigProperty(name = "ces.kafka.presence-topic", defaultValue = "ces.presence")
    String topic;

    @Inject
    @ConfigProperty(name = "ces.presence.max-listed-members", defaultValue = "100")
    int maxListedMembers;

    @Inject
    @ConfigProperty(name = "ces.presence.lease-seconds", defaultValue = "90")
    long leaseSeconds;

    @Inject
    GatewaySettings gateway;

    @PostConstruct
    void validate() {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("ces.kafka.presence-topic must not be blank");
        }
        if (maxListedMembers < 0 || maxListedMembers > MAX_LISTED_MEMBERS) {
            throw new IllegalArgumentException("ces.presence.max-listed-members must be between 0 and "
                    + MAX_LISTED_MEMBERS + ", was " + maxListedMembers);
        }
        // Leases are renewed every heartbeat: a lease of two heartbeats or less would let members blink out.
        long minimum = gateway.heartbeatInterval().toSeconds() * 2 + 1;
        if (leaseSeconds < minimum || leaseSeconds > 86_400) {
            throw new IllegalArgumentException("ces.presence.lease-seconds must be between " + minimum
                    + " (more than two heartbeats) and 86400, was " + leaseSeconds);
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    public String topic() {
        return topic;
    }

    public int maxListedMembers() {
        return maxListedMembers;
    }

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }
}

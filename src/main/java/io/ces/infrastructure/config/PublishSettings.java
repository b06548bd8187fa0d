package io.ces.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings of the publish endpoint ({@code ces.publish.*}), checked at startup: a bad value stops the deployment
 * with a message that names the property. Its rate limit is with the others in {@link RateLimitSettings}.
 */
@ApplicationScoped
public class PublishSettings {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    @Inject
    @ConfigProperty(name = "ces.publish.source", defaultValue = "/ces/rest")
    String source;

    @Inject
    @ConfigProperty(name = "ces.publish.max-bytes", defaultValue = "65536")
    int maxBytes;

    @Inject
    @ConfigProperty(name = "ces.publish.timeout-seconds", defaultValue = "10")
    int timeoutSeconds;

    @PostConstruct
    void validate() {
        if (source.isBlank()) {
            throw new IllegalArgumentException("ces.publish.source must not be blank");
        }
        if (maxBytes < 1 || maxBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("ces.publish.max-bytes must be between 1 and " + MAX_BODY_BYTES
                    + ", was " + maxBytes);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            throw new IllegalArgumentException("ces.publish.timeout-seconds must be between 1 and 300, was "
                    + timeoutSeconds);
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    /** The start of every published event's source; the publisher's user id follows. */
    public String source() {
        return source;
    }

    /** The largest request body, in bytes; larger ones are answered 413. */
    public int maxBytes() {
        return maxBytes;
    }

    /** How long a request waits for the broker's acknowledgement. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }
}

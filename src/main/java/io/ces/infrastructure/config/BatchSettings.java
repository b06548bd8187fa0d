package io.ces.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.delivery.FrameBatching;

/**
 * How large a batched frame may grow ({@code ces.websocket.batch-max-bytes}) for connections that opted into
 * batching with {@code /ws?batch=true} (docs/protocol.md). Checked at startup like {@link GatewaySettings}.
 */
@ApplicationScoped
public class BatchSettings {

    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "ces.websocket.batch-max-bytes", defaultValue = "65536")
    int maxBytes;

    @PostConstruct
    void validate() {
        if (maxBytes != 0 && (maxBytes < 256 || maxBytes > MAX_BATCH_BYTES)) {
            throw new IllegalArgumentException("ces.websocket.batch-max-bytes must be 0 (no batching) or between 256 and "
                    + MAX_BATCH_BYTES + ", was " + maxBytes);
        }
    }

    /** Creating the bean at startup makes a bad value stop the deployment instead of failing a later connection. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    /** Whether a client that asks for batched frames gets them; 0 turns batching off for everyone. */
    public boolean enabled() {
        return maxBytes > 0;
    }

    /** Batching up to the configured size, telling {@code written} of every array written. */
    public FrameBatching batching(FrameBatching.BatchWritten written) {
        return enabled() ? new FrameBatching(maxBytes, written) : FrameBatching.OFF;
    }
}

package io.ces.infrastructure.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's own settings, read once from MicroProfile Config and checked at startup: a bad value stops the
 * application with a message that names the property, instead of failing later on a client.
 */
@ApplicationScoped
public class GatewaySettings {

    @Inject
    @ConfigProperty(name = "ces.websocket.heartbeat-seconds", defaultValue = "30")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "ces.websocket.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "ces.websocket.outbound-queue-size", defaultValue = "1024")
    int outboundQueueSize;

    @Inject
    @ConfigProperty(name = "ces.session.grace-seconds", defaultValue = "120")
    int graceSeconds;

    @Inject
    @ConfigProperty(name = "ces.public-ws-url")
    Optional<String> publicWsUrlSetting;

    private String publicWsUrl;

    @PostConstruct
    void validate() {
        publicWsUrl = publicWsUrlSetting.map(String::trim).orElse("");
        requireRange("ces.websocket.heartbeat-seconds", heartbeatSeconds, 1, 3600);
        requireRange("ces.websocket.max-frame-bytes", maxFrameBytes, 256, 16 * 1024 * 1024);
        requireRange("ces.websocket.outbound-queue-size", outboundQueueSize, 1, 1_000_000);
        requireRange("ces.session.grace-seconds", graceSeconds, 0, 86_400);
        if (!publicWsUrl.isEmpty() && !publicWsUrl.startsWith("ws://") && !publicWsUrl.startsWith("wss://")) {
            throw new IllegalArgumentException(
                    "ces.public-ws-url must start with ws:// or wss://, was \"" + publicWsUrl + "\"");
        }
    }

    /** Creating the bean at startup makes a bad value stop the deployment instead of failing a later request. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    private static void requireRange(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public int outboundQueueSize() {
        return outboundQueueSize;
    }

    public Duration sessionGrace() {
        return Duration.ofSeconds(graceSeconds);
    }

    /** The configured public WebSocket URL, or empty to derive it from each request. */
    public String publicWsUrl() {
        return publicWsUrl;
    }
}

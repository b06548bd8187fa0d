package io.ces.infrastructure.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.deadletter.Backoff;
import io.ces.domain.history.HistoryLimits;

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
    @ConfigProperty(name = "ces.websocket.missed-heartbeats", defaultValue = "2")
    int missedHeartbeats;

    @Inject
    @ConfigProperty(name = "ces.websocket.idle-timeout-seconds", defaultValue = "0")
    int idleTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "ces.websocket.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "ces.websocket.outbound-queue-size", defaultValue = "1024")
    int outboundQueueSize;

    @Inject
    @ConfigProperty(name = "ces.websocket.writer-threads", defaultValue = "2")
    int writerThreads;

    @Inject
    @ConfigProperty(name = "ces.websocket.write-timeout-seconds", defaultValue = "10")
    int writeTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "ces.session.grace-seconds", defaultValue = "120")
    int graceSeconds;

    @Inject
    @ConfigProperty(name = "ces.session.timeout-seconds", defaultValue = "86400")
    int sessionTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "ces.session.eviction-interval-seconds", defaultValue = "15")
    int evictionIntervalSeconds;

    @Inject
    @ConfigProperty(name = "ces.session.max-per-user", defaultValue = "16")
    int maxSessionsPerUser;

    @Inject
    @ConfigProperty(name = "ces.session.max-per-replica", defaultValue = "100000")
    int maxSessionsPerReplica;

    @Inject
    @ConfigProperty(name = "ces.history.max-events", defaultValue = "1000")
    int historyMaxEvents;

    @Inject
    @ConfigProperty(name = "ces.history.max-bytes", defaultValue = "1048576")
    long historyMaxBytes;

    @Inject
    @ConfigProperty(name = "ces.history.max-age-seconds", defaultValue = "300")
    int historyMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "ces.history.max-streams", defaultValue = "100000")
    int historyMaxStreams;

    @Inject
    @ConfigProperty(name = "ces.history.max-total-bytes", defaultValue = "268435456")
    long historyMaxTotalBytes;

    @Inject
    @ConfigProperty(name = "ces.recovery.kafka-max-records", defaultValue = "100000")
    int recoveryKafkaMaxRecords;

    @Inject
    @ConfigProperty(name = "ces.recovery.kafka-timeout-seconds", defaultValue = "10")
    int recoveryKafkaTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "ces.recovery.kafka-readers", defaultValue = "4")
    int recoveryKafkaReaders;

    @Inject
    @ConfigProperty(name = "ces.retry.initial-backoff-ms", defaultValue = "200")
    long retryInitialBackoffMillis;

    @Inject
    @ConfigProperty(name = "ces.retry.max-backoff-ms", defaultValue = "10000")
    long retryMaxBackoffMillis;

    @Inject
    @ConfigProperty(name = "ces.retry.max-retries", defaultValue = "5")
    int retryMaxRetries;

    @Inject
    @ConfigProperty(name = "ces.idempotency.window-seconds", defaultValue = "300")
    long idempotencyWindowSeconds;

    @Inject
    @ConfigProperty(name = "ces.schemas.reload-seconds", defaultValue = "10")
    long schemasReloadSeconds;

    @Inject
    @ConfigProperty(name = "ces.public-ws-url")
    Optional<String> publicWsUrlSetting;

    private String publicWsUrl;

    @PostConstruct
    void validate() {
        requireRange("ces.websocket.heartbeat-seconds", heartbeatSeconds, 1, 3600);
        requireRange("ces.websocket.missed-heartbeats", missedHeartbeats, 1, 100);
        requireRange("ces.websocket.idle-timeout-seconds", idleTimeoutSeconds, 0, 86_400);
        requireRange("ces.websocket.max-frame-bytes", maxFrameBytes, 256, 16 * 1024 * 1024);
        requireRange("ces.websocket.outbound-queue-size", outboundQueueSize, 1, 1_000_000);
        requireRange("ces.websocket.writer-threads", writerThreads, 1, 64);
        requireRange("ces.websocket.write-timeout-seconds", writeTimeoutSeconds, 1, 3600);
        requireRange("ces.session.grace-seconds", graceSeconds, 0, 86_400);
        requireRange("ces.session.timeout-seconds", sessionTimeoutSeconds, 1, 30 * 86_400);
        requireRange("ces.session.eviction-interval-seconds", evictionIntervalSeconds, 1, 3600);
        requireRange("ces.session.max-per-user", maxSessionsPerUser, 1, 100_000);
        requireRange("ces.session.max-per-replica", maxSessionsPerReplica, 1, 10_000_000);
        requireRange("ces.history.max-events", historyMaxEvents, 1, 1_000_000);
        requireRange("ces.history.max-bytes", historyMaxBytes, 1024, 1L << 32);
        requireRange("ces.history.max-age-seconds", historyMaxAgeSeconds, 1, 7 * 86_400);
        requireRange("ces.history.max-streams", historyMaxStreams, 1, 10_000_000);
        requireRange("ces.history.max-total-bytes", historyMaxTotalBytes, 1L << 20, 1L << 40);
        requireRange("ces.recovery.kafka-max-records", recoveryKafkaMaxRecords, 0, 100_000_000);
        requireRange("ces.recovery.kafka-timeout-seconds", recoveryKafkaTimeoutSeconds, 1, 600);
        requireRange("ces.recovery.kafka-readers", recoveryKafkaReaders, 1, 64);
        requireRange("ces.retry.initial-backoff-ms", retryInitialBackoffMillis, 1, 600_000);
        requireRange("ces.retry.max-backoff-ms", retryMaxBackoffMillis, retryInitialBackoffMillis, 3_600_000);
        requireRange("ces.retry.max-retries", retryMaxRetries, 0, 100);
        requireRange("ces.idempotency.window-seconds", idempotencyWindowSeconds, 0, 7 * 86_400);
        requireRange("ces.schemas.reload-seconds", schemasReloadSeconds, 1, 86_400);
        publicWsUrl = publicWsUrlSetting.map(String::trim).orElse("");
        if (!publicWsUrl.isEmpty() && !publicWsUrl.startsWith("ws://") && !publicWsUrl.startsWith("wss://")) {
            throw new IllegalArgumentException(
                    "ces.public-ws-url must start with ws:// or wss://, was \"" + publicWsUrl + "\"");
        }
    }

    /** Creating the bean at startup makes a bad value stop the deployment instead of failing a later request. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    private static void requireRange(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    public Duration heartbeatInterval() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    /** How many pings in a row a connected client may leave unanswered (no pong, no frame) before it is closed. */
    public int missedHeartbeats() {
        return missedHeartbeats;
    }

    /** How long a connected client may stay silent (no frame, no pong) before it is closed, at the latest. */
    public Duration allowedSilence() {
        return Duration.ofSeconds((long) heartbeatSeconds * missedHeartbeats);
    }

    /** The container's idle timeout for a socket in milliseconds; 0 leaves it off (the heartbeat decides). */
    public long idleTimeoutMillis() {
        return idleTimeoutSeconds * 1000L;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public int outboundQueueSize() {
        return outboundQueueSize;
    }

    public int writerThreads() {
        return writerThreads;
    }

    public int writeTimeoutSeconds() {
        return writeTimeoutSeconds;
    }

    public Duration sessionGrace() {
        return Duration.ofSeconds(graceSeconds);
    }

    /** How long a connected session may go without any client activity before eviction. */
    public Duration sessionTimeout() {
        return Duration.ofSeconds(sessionTimeoutSeconds);
    }

    public Duration evictionInterval() {
        return Duration.ofSeconds(evictionIntervalSeconds);
    }

    public int maxSessionsPerUser() {
        return maxSessionsPerUser;
    }

    public int maxSessionsPerReplica() {
        return maxSessionsPerReplica;
    }

    public HistoryLimits historyLimits() {
        return new HistoryLimits(historyMaxEvents, historyMaxBytes, Duration.ofSeconds(historyMaxAgeSeconds),
                historyMaxStreams, historyMaxTotalBytes);
    }

    /** At most this many records are read from Kafka for one recovery; 0 turns recovery from Kafka off. */
    public int recoveryKafkaMaxRecords() {
        return recoveryKafkaMaxRecords;
    }

    /** How transient failures on the per-record path are retried before the record is dead-lettered. */
    public Backoff retryBackoff() {
        return new Backoff(Duration.ofMillis(retryInitialBackoffMillis), Duration.ofMillis(retryMaxBackoffMillis),
                retryMaxRetries);
    }

    /** How many recoveries may read Kafka at the same time, each with a consumer of its own. */
    public int recoveryKafkaReaders() {
        return recoveryKafkaReaders;
    }

    public Duration recoveryKafkaTimeout() {
        return Duration.ofSeconds(recoveryKafkaTimeoutSeconds);
    }

    /** The configured public WebSocket URL, or empty to derive it from each request. */
    public String publicWsUrl() {
        return publicWsUrl;
    }
}

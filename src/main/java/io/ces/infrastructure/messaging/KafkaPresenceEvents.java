package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.presence.PresenceCloudEvents;
import io.ces.domain.presence.PresenceEvents;
import io.ces.domain.presence.PresenceSignal;
import io.ces.infrastructure.config.PresenceSettings;

/**
 * Writes presence and typing signals to {@code ces.kafka.presence-topic} as CloudEvents, keyed by room, so that the
 * signals of one room stay in order. Signals are sent on socket and timer threads, so a send waits at most a short
 * while for the broker's metadata and never for its acknowledgement: a lost signal is logged, not retried.
 */
@ApplicationScoped
public class KafkaPresenceEvents implements PresenceEvents {

    private static final Logger LOG = Logger.getLogger(KafkaPresenceEvents.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    PresenceSettings settings;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private volatile PresenceCloudEvents events;
    private final LazyProducer producer = new LazyProducer(this::producerSettings);

    @PreDestroy
    void close() {
        producer.close();
    }

    @Override
    public void publish(PresenceSignal signal) {
        try {
            byte[] value = cloudEvents().encode(signal).getBytes(StandardCharsets.UTF_8);
            producer.get().send(new ProducerRecord<>(settings.topic(), signal.room(), value), (metadata, error) -> {
                if (error != null) {
                    warn(signal, error);
                }
            });
        } catch (RuntimeException e) {
            warn(signal, e);
        }
    }

    /** At most one warning a minute: an unreachable broker would otherwise log once per join, leave and keystroke. */
    private void warn(PresenceSignal signal, Throwable failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "CES0801W: a " + signal.kind().eventType() + " signal of room " + signal.room()
                    + " could not be written to " + settings.topic() + "; presence signals are dropped until it can",
                    failure);
        }
    }

    private PresenceCloudEvents cloudEvents() {
        PresenceCloudEvents current = events;
        if (current == null) {
            events = current = new PresenceCloudEvents(JsonProvider.provider(), replicaId);
        }
        return current;
    }

    private Properties producerSettings() {
        var config = kafka.producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ces-presence-" + replicaId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return config;
    }
}

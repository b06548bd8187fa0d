package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.publish.EventPosition;
import io.ces.domain.publish.EventPublisher;
import io.ces.domain.publish.OutgoingEvent;
import io.ces.infrastructure.config.PublishSettings;

/**
 * Writes published events to {@code ces.kafka.topic} in structured mode, keyed by room, with the shared producer
 * settings (acks=all, idempotent). The producer is created at the first publish, so a replica that never publishes
 * opens no extra connection to the brokers.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    @Inject
    KafkaClientSettings kafka;

    @Inject
    PublishSettings settings;

    @Inject
    @ConfigProperty(name = "ces.kafka.topic")
    String topic;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private final LazyProducer producer = new LazyProducer(this::producerSettings);

    @PostConstruct
    void check() {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("ces.kafka.topic must not be blank");
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    @Override
    public CompletionStage<EventPosition> publish(OutgoingEvent event) {
        CompletableFuture<EventPosition> written = new CompletableFuture<>();
        try {
            producer.get().send(new ProducerRecord<>(topic, event.room(), event.json().getBytes(StandardCharsets.UTF_8)),
                    (metadata, error) -> {
                        if (error == null) {
                            written.complete(new EventPosition(metadata.topic(), metadata.partition(),
                                    metadata.offset()));
                        } else {
                            written.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    private Properties producerSettings() {
        var config = kafka.producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ces-publish-" + replicaId);
        // A request waits at most the publish timeout, so neither metadata nor delivery may take longer.
        long timeoutMs = settings.timeoutSeconds() * 1000L;
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMs));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeoutMs, 30_000)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs
                + Math.min(timeoutMs, 30_000)));
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return config;
    }
}

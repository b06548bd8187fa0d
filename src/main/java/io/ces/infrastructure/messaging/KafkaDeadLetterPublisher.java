package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.deadletter.DeadLetter;
import io.ces.domain.deadletter.DeadLetterHeaders;
import io.ces.domain.deadletter.DeadLetterPublisher;
import io.ces.domain.event.InboundRecord;

/**
 * Writes dead letters to the dead-letter topic ({@code ces.kafka.dead-letter-topic}): the original key, value and
 * headers byte for byte, plus the {@code ces-dlq-*} headers that say what happened. Also writes replays back to
 * their original topics.
 */
@ApplicationScoped
public class KafkaDeadLetterPublisher implements DeadLetterPublisher {

    @Inject
    KafkaClientSettings kafka;

    @Inject
    @ConfigProperty(name = "ces.kafka.dead-letter-topic", defaultValue = "ces.events.dlq")
    String deadLetterTopic;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void open() {
        var config = kafka.producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ces-dead-letters-" + replicaId);
        // A broker outage must not hold the consumer thread for long: the write fails and the offset stays
        // uncommitted, so the record is read again after a restart.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        producer = new KafkaProducer<>(config);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    public String topic() {
        return deadLetterTopic;
    }

    @Override
    public CompletionStage<Void> publish(DeadLetter letter) {
        InboundRecord original = letter.original();
        Headers headers = new RecordHeaders();
        if (original.headers() instanceof KafkaEventHeaders kafkaHeaders) {
            kafkaHeaders.raw().forEach(header -> {
                if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                    headers.add(header);
                }
            });
        } else {
            original.headers().forEach((name, value) -> {
                if (!DeadLetterHeaders.isDeadLetterHeader(name)) {
                    headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
                }
            });
        }
        add(headers, DeadLetterHeaders.REASON, letter.reason().code());
        add(headers, DeadLetterHeaders.DETAIL, letter.detail());
        add(headers, DeadLetterHeaders.TOPIC, original.topic());
        add(headers, DeadLetterHeaders.PARTITION, Integer.toString(original.partition()));
        add(headers, DeadLetterHeaders.OFFSET, Long.toString(original.offset()));
        add(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(original.timestamp()));
        add(headers, DeadLetterHeaders.RETRIES, Integer.toString(letter.retries()));
        add(headers, DeadLetterHeaders.FIRST_FAILURE, letter.firstFailure().toString());
        add(headers, DeadLetterHeaders.LAST_FAILURE, letter.lastFailure().toString());
        add(headers, DeadLetterHeaders.REPLICA, replicaId);
        if (letter.subject() != null) {
            add(headers, DeadLetterHeaders.SUBJECT, letter.subject());
        }
        return send(new ProducerRecord<>(deadLetterTopic, null, original.key(), original.value(), headers));
    }

    /** Writes a record as it is, such as a replayed dead letter back to its original topic. */
    public CompletionStage<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

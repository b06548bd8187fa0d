package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.receipt.Receipt;
import io.ces.domain.receipt.ReceiptCloudEvents;
import io.ces.domain.receipt.ReceiptPublisher;
import io.ces.infrastructure.config.ReceiptSettings;

/**
 * Writes receipts to {@code ces.kafka.receipts-topic} as CloudEvents, keyed by session, so that the receipts of one
 * session stay in order. A publish waits for the broker's acknowledgement (a few seconds at most): the client's
 * {@code acked} frame means the receipt is on Kafka.
 */
@ApplicationScoped
public class KafkaReceiptPublisher implements ReceiptPublisher {

    private static final long SEND_TIMEOUT_MILLIS = 5_000;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    ReceiptSettings settings;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private volatile ReceiptCloudEvents events;
    private final LazyProducer producer = new LazyProducer(this::producerSettings);

    @PreDestroy
    void close() {
        producer.close();
    }

    @Override
    public void publish(Receipt receipt) {
        byte[] value = cloudEvents().encode(receipt).getBytes(StandardCharsets.UTF_8);
        try {
            producer.get().send(new ProducerRecord<>(settings.topic(), receipt.session(), value))
                    .get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a receipt", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a receipt could not be written to " + settings.topic(), e);
        }
    }

    private ReceiptCloudEvents cloudEvents() {
        ReceiptCloudEvents current = events;
        if (current == null) {
            events = current = new ReceiptCloudEvents(JsonProvider.provider(), replicaId);
        }
        return current;
    }

    private Properties producerSettings() {
        var config = kafka.producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ces-receipts-" + replicaId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(SEND_TIMEOUT_MILLIS));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        return config;
    }
}

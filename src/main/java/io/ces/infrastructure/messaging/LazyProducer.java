package io.ces.infrastructure.messaging;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A Kafka producer created at its first use, so that a replica that never writes a kind of record opens no
 * connection for it, and closed with its owner. The settings are read when it is created.
 */
final class LazyProducer implements AutoCloseable {

    private final Supplier<Properties> settings;
    private volatile KafkaProducer<String, byte[]> producer;

    LazyProducer(Supplier<Properties> settings) {
        this.settings = settings;
    }

    KafkaProducer<String, byte[]> get() {
        KafkaProducer<String, byte[]> open = producer;
        if (open == null) {
            synchronized (this) {
                open = producer;
                if (open == null) {
                    producer = open = new KafkaProducer<>(settings.get());
                }
            }
        }
        return open;
    }

    @Override
    public void close() {
        KafkaProducer<String, byte[]> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(5));
        }
    }
}

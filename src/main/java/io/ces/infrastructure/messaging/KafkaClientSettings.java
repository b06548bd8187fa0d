package io.ces.infrastructure.messaging;

import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings every Kafka consumer of CES's own shares (besides the liberty-kafka channel): the brokers, keys as
 * text, values as the raw bytes the decoder reads, offsets committed by CES. One place, so that connection
 * settings such as security are added once.
 */
@ApplicationScoped
public class KafkaConsumerSettings {

    @Inject
    @ConfigProperty(name = "ces.kafka.bootstrap-servers")
    String bootstrapServers;

    /** A fresh set of the shared settings, for a consumer to add its own to. */
    public Properties base() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }
}

package io.ces.infrastructure.messaging;

import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings every Kafka client of CES's own shares (besides the liberty-kafka channel): the brokers, the
 * connection's security ({@link KafkaSecurity}), keys as text, values as raw bytes, offsets committed by CES. One
 * place, so that every consumer, producer and admin client connects the same way.
 */
@ApplicationScoped
public class KafkaClientSettings {

    @Inject
    @ConfigProperty(name = "ces.kafka.bootstrap-servers")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "ces.kafka.security-protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @Inject
    @ConfigProperty(name = "ces.kafka.sasl.mechanism", defaultValue = "PLAIN")
    String saslMechanism;

    @Inject
    @ConfigProperty(name = "ces.kafka.sasl.username")
    Optional<String> saslUsername;

    @Inject
    @ConfigProperty(name = "ces.kafka.sasl.password")
    Optional<String> saslPassword;

    @Inject
    @ConfigProperty(name = "ces.kafka.ssl.truststore.location")
    Optional<String> truststoreLocation;

    @Inject
    @ConfigProperty(name = "ces.kafka.ssl.truststore.password")
    Optional<String> truststorePassword;

    @Inject
    @ConfigProperty(name = "ces.kafka.ssl.truststore.type", defaultValue = "PKCS12")
    String truststoreType;

    private volatile KafkaSecurity security;

    /** The connection security every client gets; a bad setting fails here, with the setting's name. */
    public KafkaSecurity security() {
        KafkaSecurity current = security;
        if (current == null) {
            // Optional: MicroProfile Config treats an empty value as missing, and most of these are empty by default.
            current = new KafkaSecurity(securityProtocol, saslMechanism, saslUsername.orElse(""),
                    saslPassword.orElse(""), truststoreLocation.orElse(""), truststorePassword.orElse(""),
                    truststoreType);
            security = current;
        }
        return current;
    }

    /** A fresh set of the consumer settings, for a consumer to add its own to. */
    public Properties base() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(security().clientProperties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /**
     * A fresh set of producer settings: every write acknowledged by all in-sync replicas and idempotent, because
     * what CES writes (dead letters, replays) is the only copy an operator has.
     */
    public Properties producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(security().clientProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /** Settings for an admin client, such as the one that purges the dead-letter topic. */
    public Properties admin() {
        Properties config = new Properties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(security().clientProperties());
        return config;
    }
}

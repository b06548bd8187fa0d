package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.application.RoutingRulesService;
import io.ces.application.TopicSubscriptionService;
import io.ces.domain.routing.SettingsStore;

/**
 * The control topic {@code ces.kafka.control-topic}: a compacted topic that keeps the operators' runtime settings,
 * one record per key (the document as JSON; no value: removed). Every replica reads it whole from the beginning with
 * an assigned consumer (no group, nothing committed) and applies the latest document of each key as it arrives, so a
 * change written through any replica is in force on all of them within a poll, and again after a restart. CES
 * creates the topic (one partition, compacted) when it is missing.
 */
@ApplicationScoped
public class KafkaControlTopic implements SettingsStore {

    private static final Logger LOG = Logger.getLogger(KafkaControlTopic.class.getName());
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    KafkaClientSettings kafka;

    @Inject
    @ConfigProperty(name = "ces.kafka.control-topic", defaultValue = "ces.control")
    String topic;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    @Inject
    RoutingRulesService rules;

    @Inject
    TopicSubscriptionService topics;

    private final LazyProducer producer = new LazyProducer(this::producerSettings);
    private KafkaConsumer<String, byte[]> consumer;
    private PollingThread poller;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Properties config = kafka.base();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ces-control-reader-" + replicaId);
        consumer = new KafkaConsumer<>(config);
        // created here, on a container thread: the plain reader thread cannot create beans that need its context
        rules.current();
        topics.reserved();
        poller = new PollingThread("ces-control-topic", consumer, this::readUntilStopped);
        poller.start();
    }

    private Properties producerSettings() {
        Properties config = kafka.producer();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ces-control-writer-" + replicaId);
        // an operator waits for the answer: fail in seconds when the broker or the topic is not there
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        return config;
    }

    @Override
    public long write(String key, String json) {
        byte[] value = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        try {
            return producer.get().send(new ProducerRecord<>(topic, key, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingsUnavailableException("interrupted while writing " + key + " to " + topic, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SettingsUnavailableException("the control topic " + topic + " did not take " + key + ": " + cause,
                    cause);
        }
    }

    private void readUntilStopped() {
        try {
            List<TopicPartition> partitions = awaitTopic();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            // While catching up, only the latest document of each key is applied, once: no replay of old settings.
            Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
            boolean caughtUp = false; // checked after the first poll, so that an empty topic is reported too
            while (poller.running()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (caughtUp) {
                        apply(record);
                    } else {
                        latest.put(record.key(), record);
                    }
                }
                if (!caughtUp && caughtUp(ends)) {
                    caughtUp = true;
                    latest.values().forEach(this::apply);
                    LOG.info("CES1201I: read the control topic " + topic + ": " + latest.size() + " settings stored");
                    latest.clear();
                }
            }
        } catch (WakeupException | InterruptException stopping) {
            // stop() woke the poll up, or the server interrupts its threads
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CES1208E: the reader of the control topic " + topic + " stopped; runtime changes "
                    + "of rules and topics no longer reach this replica", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (InterruptException interrupted) {
                LOG.fine("closed while the server interrupts its threads");
            }
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String document = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (ROUTING_RULES.equals(record.key())) {
            rules.received(document, record.offset());
        } else if (TOPICS.equals(record.key())) {
            topics.received(document, record.offset());
        } else {
            LOG.fine("control record " + record.offset() + " with unknown key " + record.key() + " ignored");
        }
    }

    /** Creates the topic if it is missing, and waits until its partitions are known. */
    private List<TopicPartition> awaitTopic() {
        long warnAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (poller.running()) {
            Optional<List<PartitionInfo>> partitions = partitions();
            if (partitions.isPresent()) {
                return partitions.get().stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            create();
            if (System.nanoTime() > warnAt) {
                LOG.warning("CES1209W: the control topic " + topic + " does not exist and cannot be created yet; "
                        + "routing rules and topics from configuration apply until it can be read");
                warnAt = Long.MAX_VALUE;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    private Optional<List<PartitionInfo>> partitions() {
        try {
            List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
        } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
            return Optional.empty();
        }
    }

    private void create() {
        try (Admin admin = Admin.create(kafka.admin())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(10, TimeUnit.SECONDS);
            LOG.info("CES1210I: created the control topic " + topic + " (compacted, 1 partition)");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.log(Level.FINE, "the control topic " + topic + " could not be created", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException e) {
            LOG.log(Level.FINE, "the control topic " + topic + " could not be created", e);
        }
    }

    @PreDestroy
    void stop() {
        producer.close();
        if (poller != null) {
            poller.stop();
        }
    }
}

package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.application.PresenceService;
import io.ces.domain.presence.PresenceCloudEvents;
import io.ces.infrastructure.config.PresenceSettings;

/**
 * Reads the presence topic from its end, so that every replica hands presence and typing signals to its own
 * clients. Signals are live only: no consumer group, no committed offsets, nothing read again after a restart.
 */
@ApplicationScoped
public class PresenceTopicConsumer {

    private static final Logger LOG = Logger.getLogger(PresenceTopicConsumer.class.getName());

    @Inject
    KafkaClientSettings kafka;

    @Inject
    PresenceSettings settings;

    @Inject
    PresenceService presence;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private KafkaConsumer<String, byte[]> consumer;
    private PollingThread poller;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Properties config = kafka.base();
        config.put("client.id", "ces-presence-reader-" + replicaId);
        consumer = new KafkaConsumer<>(config);
        poller = new PollingThread("ces-presence-topic", consumer, this::pollUntilStopped);
        poller.start();
    }

    private void pollUntilStopped() {
        PresenceCloudEvents events = new PresenceCloudEvents(JsonProvider.provider(), replicaId);
        try {
            assignFromTheEnd();
            LOG.info("CES0802I: reading presence and typing signals from " + settings.topic());
            while (poller.running()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    events.decode(new String(record.value(), StandardCharsets.UTF_8)).ifPresent(presence::received);
                }
            }
        } catch (WakeupException | InterruptException stopping) {
            // stop() woke the poll up, or the server interrupts its threads
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CES0803E: the reader of the presence topic " + settings.topic() + " stopped", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (InterruptException interrupted) {
                LOG.fine("closed while the server interrupts its threads");
            }
        }
    }

    /** Waits for the topic to exist (a broker may create it after CES starts), then reads only what comes next. */
    private void assignFromTheEnd() {
        long warnAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (poller.running()) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                partitions = List.of();
            }
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToEnd(assigned);
                assigned.forEach(consumer::position);
                return;
            }
            if (System.nanoTime() > warnAt) {
                LOG.warning("CES0804W: the presence topic " + settings.topic() + " does not exist yet; no presence or "
                        + "typing frame is delivered until it does");
                warnAt = Long.MAX_VALUE;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.stop();
        }
    }
}

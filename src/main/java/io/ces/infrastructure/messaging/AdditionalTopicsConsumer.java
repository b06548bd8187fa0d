package io.ces.infrastructure.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.application.EventRoutingService;
import io.ces.domain.event.InboundRecord;

/**
 * Consumes the topics of {@code ces.kafka.additional-topics} besides the main one.
 *
 * <p>The liberty-kafka connector subscribes exactly one topic per channel and channels are fixed when the application
 * is deployed, so a configurable list of topics needs a consumer of CES's own. Its records take the same path as
 * the channel's ({@link EventRoutingService}); offsets are committed after each polled batch was routed.
 */
@ApplicationScoped
public class AdditionalTopicsConsumer {

    private static final Logger LOG = Logger.getLogger(AdditionalTopicsConsumer.class.getName());

    @Inject
    @ConfigProperty(name = "ces.kafka.additional-topics")
    Optional<List<String>> topics;

    /** Left out of the list if named there too: the main channel already delivers it. */
    @Inject
    @ConfigProperty(name = "ces.kafka.topic")
    String mainTopic;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    @ConfigProperty(name = "ces.kafka.group-id")
    String groupId;

    @Inject
    @ConfigProperty(name = "ces.kafka.auto-offset-reset", defaultValue = "latest")
    String autoOffsetReset;

    @Inject
    EventRoutingService routing;

    private final CommitWatermarks watermarks = new CommitWatermarks();
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread poller;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> wanted = topics.orElse(List.of()).stream().map(String::trim)
                .filter(t -> !t.isEmpty() && !t.equals(mainTopic)).distinct().toList();
        if (wanted.isEmpty()) {
            return;
        }
        Properties config = kafka.base();
        // A group of its own, so that its rebalances never pause the main channel.
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + "-additional");
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId + "-additional");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(wanted, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                watermarks.revoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // nothing to set up: watermarks start with the first record read
            }
        });
        running = true;
        // A plain daemon thread: Liberty's quiesce on `server stop` waits 30 s for managed threads that never end,
        // before the application hears of the stop. This loop calls nothing that needs a container context.
        poller = new Thread(this::pollUntilStopped, "ces-additional-topics");
        poller.setDaemon(true);
        poller.start();
        LOG.info("CES0103I: also consuming topics " + wanted);
    }

    private void pollUntilStopped() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    long generation = watermarks.started(partition, record.offset());
                    routing.route(new InboundRecord(record.topic(), record.partition(), record.offset(),
                            record.timestamp(), record.key(), record.value(), new KafkaEventHeaders(record.headers())))
                            .whenComplete((done, error) -> {
                                if (error == null) {
                                    watermarks.finished(partition, record.offset(), generation);
                                }
                            });
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync(watermarks.committable(), null);
                }
            }
        } catch (WakeupException | InterruptException stopping) {
            // stop() woke the poll up, or the application is stopping and Liberty interrupted its managed thread
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CES0104E: the consumer of the additional topics stopped", e);
        } finally {
            try {
                consumer.commitSync(watermarks.committable(), Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "final commit failed", e);
            }
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (InterruptException interrupted) {
                LOG.fine("closed while the server interrupts its threads");
            }
        }
    }

    /**
     * Stops polling and waits for the last commit. Also called when the JVM is told to terminate, so that the last
     * commit happens while the broker connection is still wanted.
     */
    @PreDestroy
    public void stop() {
        if (poller == null || !running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

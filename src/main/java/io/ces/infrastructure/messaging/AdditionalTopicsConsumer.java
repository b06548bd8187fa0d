package io.ces.infrastructure.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.application.ContextualInstances;
import io.ces.application.EventRoutingService;
import io.ces.application.TopicSubscriptionService;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.routing.TopicSelection;

/**
 * Consumes the topics of {@code ces.kafka.additional-topics} besides the main one, or those operators set at runtime
 * ({@link TopicSubscriptionService}): names or a pattern, subscribed again on every change without a restart.
 *
 * <p>The liberty-kafka connector subscribes exactly one topic per channel and channels are fixed when the application
 * is deployed, so a configurable list of topics needs a consumer of CES's own. Its records take the same path as
 * the channel's ({@link EventRoutingService}); the offsets of routed records are committed every 500 ms while
 * records flow, and when the consumer stops or changes its topics.
 */
@ApplicationScoped
public class AdditionalTopicsConsumer {

    private static final Logger LOG = Logger.getLogger(AdditionalTopicsConsumer.class.getName());

    /** The topics to consume: ces.kafka.additional-topics, or what operators set at runtime. */
    @Inject
    TopicSubscriptionService subscriptions;

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

    @Inject
    BeanManager beans;

    /**
     * How often the progress is committed while records flow (and whenever it stops): a commit after every poll was
     * 7 % of the reading thread. A crash routes again at most this much more; the idempotency window tells the
     * repeats of other records apart, and the same record read again is delivered again, as after any crash.
     */
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final CommitWatermarks watermarks = new CommitWatermarks();
    private final AtomicReference<TopicSelection> pending = new AtomicReference<>();
    private final ConsumerRebalanceListener rebalances = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            watermarks.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing to set up: watermarks start with the first record read
        }
    };
    private Set<String> reserved;
    private KafkaConsumer<String, byte[]> consumer;
    private PollingThread poller;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Properties config = kafka.base();
        // A group of its own, so that its rebalances never pause the main channel.
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + "-additional");
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId + "-additional");
        // A topic new to the group starts here; one consumed before resumes from the group's committed offset.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        consumer = new KafkaConsumer<>(config);
        reserved = subscriptions.reserved();
        routing.prepare(); // records may be waiting: the routing service must exist before the plain thread routes
        routing = ContextualInstances.of(beans, EventRoutingService.class); // called per record: not through the proxy
        poller = new PollingThread("ces-additional-topics", consumer, this::pollUntilStopped);
        poller.start();
        // KafkaConsumer is single-threaded: a change is handed over to the poll loop, which subscribes again.
        subscriptions.listen(pending::set);
    }

    private void pollUntilStopped() {
        boolean subscribed = false;
        long lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
        try {
            while (poller.running()) {
                TopicSelection change = pending.getAndSet(null);
                if (change != null) {
                    subscribed = subscribe(change, subscribed);
                }
                if (!subscribed) {
                    Thread.sleep(200);
                    continue;
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (TopicPartition partition : records.partitions()) {
                    CommitWatermarks.Partition progress = watermarks.partition(partition);
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        long offset = record.offset();
                        progress.started(offset);
                        routing.route(new InboundRecord(record.topic(), record.partition(), offset,
                                record.timestamp(), record.key(), record.value(),
                                new KafkaEventHeaders(record.headers())))
                                .whenComplete((done, error) -> {
                                    if (error == null) {
                                        progress.finished(offset);
                                    }
                                });
                    }
                }
                long now = System.nanoTime();
                if (now - lastCommit >= COMMIT_INTERVAL_NANOS) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = watermarks.committable();
                    if (!offsets.equals(committed)) {
                        consumer.commitAsync(offsets, null);
                        committed = offsets;
                    }
                    lastCommit = now;
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException stopping) {
            // stop() woke the poll up, or the application is stopping and Liberty interrupted its managed thread
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CES0104E: the consumer of the additional topics stopped", e);
        } finally {
            if (subscribed) {
                commitQuietly();
            }
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (InterruptException interrupted) {
                LOG.fine("closed while the server interrupts its threads");
            }
        }
    }

    /** Subscribes to the selection (nothing, when it is empty); answers whether anything is subscribed. */
    private boolean subscribe(TopicSelection selection, boolean subscribed) {
        if (subscribed) {
            commitQuietly(); // what was routed of the topics left behind stays committed
        }
        if (selection.isEmpty()) {
            if (subscribed) {
                consumer.unsubscribe();
                LOG.info("CES0103I: consuming no additional topics");
            }
            return false;
        }
        if (selection.pattern() == null) {
            consumer.subscribe(selection.topics(), rebalances);
        } else {
            consumer.subscribe(selection.subscription(reserved), rebalances);
        }
        LOG.info("CES0103I: also consuming topics " + selection.toJson());
        return true;
    }

    private void commitQuietly() {
        try {
            consumer.commitSync(watermarks.committable(), Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "commit failed", e);
        }
    }

    /**
     * Stops polling and waits for the last commit. Also called when the JVM is told to terminate, so that the last
     * commit happens while the broker connection is still wanted.
     */
    @PreDestroy
    public void stop() {
        if (poller != null) {
            poller.stop();
        }
    }
}

package io.ces.infrastructure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.ces.infrastructure.messaging.ConsumerAssignment;

/**
 * {@code ces_kafka_consumer_lag{topic,partition}}: records not yet routed and committed, per partition. Asking the
 * brokers takes two admin requests, so the figures are refreshed every few seconds rather than at every scrape.
 */
@ApplicationScoped
public class ConsumerLagGauges {

    private static final long REFRESH_SECONDS = 5;

    @Inject
    ConsumerAssignment assignment;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private ScheduledFuture<?> refresher;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        refresher = scheduler.scheduleWithFixedDelay(this::refresh, 1, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    private void refresh() {
        assignment.lag().forEach((partition, records) -> {
            if (lag.put(partition, records) == null) {
                metrics.gauge("ces_kafka_consumer_lag", () -> lag.getOrDefault(partition, 0L),
                        new Tag("topic", partition.topic()), new Tag("partition", String.valueOf(partition.partition())));
            }
        });
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.cancel(false);
        }
    }
}

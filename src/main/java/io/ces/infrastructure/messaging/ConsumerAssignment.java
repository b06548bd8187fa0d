package io.ces.infrastructure.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.MemberDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the brokers which partitions of the events topic this replica's consumer holds. The liberty-kafka channel
 * does not expose its consumer, but the group does: every replica is a static member ({@code group.instance.id})
 * of a group of its own, so the answer is this replica's assignment. Asked at most every few seconds, however often
 * the probes come.
 */
@ApplicationScoped
public class ConsumerAssignment {

    /** What the brokers said, and when. */
    public record Status(boolean reachable, int assignedPartitions, String problem, Instant checkedAt) {
    }

    private static final Duration REUSE_FOR = Duration.ofSeconds(2);
    private static final int TIMEOUT_MILLIS = 2_000;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    @ConfigProperty(name = "ces.kafka.group-id")
    String groupId;

    @Inject
    @ConfigProperty(name = "ces.kafka.topic")
    String topic;

    private Admin admin;
    private volatile Status last;

    public synchronized Status status() {
        Status known = last;
        if (known != null && known.checkedAt().plus(REUSE_FOR).isAfter(Instant.now())) {
            return known;
        }
        last = ask();
        return last;
    }

    private Status ask() {
        try {
            ConsumerGroupDescription group = admin().describeConsumerGroups(List.of(groupId),
                    new DescribeConsumerGroupsOptions().timeoutMs(TIMEOUT_MILLIS))
                    .describedGroups().get(groupId).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            int assigned = 0;
            for (MemberDescription member : group.members()) {
                assigned += (int) member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(topic)).count();
            }
            return new Status(true, assigned, assigned == 0 ? "no partition of " + topic + " assigned yet" : null,
                    Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, 0, "interrupted", Instant.now());
        } catch (Exception e) {
            return new Status(false, 0, "brokers not reachable: " + e.getClass().getSimpleName(), Instant.now());
        }
    }

    /**
     * How far this replica's committed position trails the end of each partition of the events topic, in records;
     * empty while the brokers do not answer.
     */
    public synchronized Map<TopicPartition, Long> lag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream().filter(partition -> partition.topic().equals(topic))
                    .forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest).all()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata position = committed.get(partition);
                lag.put(partition, Math.max(0, end.offset() - (position == null ? 0 : position.offset())));
            });
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception notAnswering) {
            return Map.of();
        }
    }

    private Admin admin() {
        if (admin == null) {
            Properties config = kafka.admin();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-health");
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}

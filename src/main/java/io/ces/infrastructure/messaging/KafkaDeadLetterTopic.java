package io.ces.infrastructure.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.ces.domain.deadletter.DeadLetterTopic;
import io.ces.domain.deadletter.StoredDeadLetter;

/**
 * The dead-letter topic read and managed with plain Kafka clients: a short-lived consumer without a group per
 * request (operator requests are rare, and must not move any group's offsets), the dead-letter producer for
 * replays, and an admin client for purges.
 */
@ApplicationScoped
public class KafkaDeadLetterTopic implements DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    KafkaClientSettings kafka;

    @Inject
    KafkaDeadLetterPublisher publisher;

    @Override
    public Scan scan(Instant from, Predicate<StoredDeadLetter> wanted, int limit, int maxScanned) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = assignAll(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, REQUEST_TIMEOUT);
            seekTo(consumer, partitions, from);
            List<StoredDeadLetter> found = new ArrayList<>();
            int scanned = 0;
            boolean stoppedEarly = false;
            long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
            while (!atEnd(consumer, end) && scanned < maxScanned && found.size() < limit
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    if (scanned >= maxScanned || found.size() >= limit) {
                        // read from Kafka but not looked at: the page is not the whole answer
                        stoppedEarly = true;
                        continue;
                    }
                    scanned++;
                    StoredDeadLetter letter = stored(record);
                    if (wanted.test(letter)) {
                        found.add(letter);
                    }
                }
            }
            found.sort(Comparator.comparing(StoredDeadLetter::storedAt).thenComparing(StoredDeadLetter::id));
            return new Scan(found, scanned, stoppedEarly || !atEnd(consumer, end));
        }
    }

    @Override
    public Optional<StoredDeadLetter> find(String id) {
        int dash = id.indexOf('-');
        int partitionNumber;
        long offset;
        try {
            partitionNumber = Integer.parseInt(id.substring(0, dash));
            offset = Long.parseLong(id.substring(dash + 1));
        } catch (RuntimeException notAnId) {
            return Optional.empty();
        }
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            TopicPartition partition = new TopicPartition(publisher.topic(), partitionNumber);
            if (!assignAll(consumer).contains(partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), REQUEST_TIMEOUT).get(partition);
            if (offset >= end || offset < consumer.beginningOffsets(List.of(partition), REQUEST_TIMEOUT).get(partition)) {
                return Optional.empty();
            }
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == offset) {
                        return Optional.of(stored(record));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void republish(String topic, String key, byte[] value, List<Map.Entry<String, byte[]>> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(header -> recordHeaders.add(header.getKey(), header.getValue()));
        try {
            publisher.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).toCompletableFuture()
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long purgeBefore(Instant before) {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        long purged = 0;
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = assignAll(consumer);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, REQUEST_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, REQUEST_TIMEOUT);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, before.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> firstKept = consumer.offsetsForTimes(times, REQUEST_TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp kept = firstKept.get(partition);
                long upTo = kept == null ? end.get(partition) : kept.offset();
                if (upTo > beginning.get(partition)) {
                    deletions.put(partition, RecordsToDelete.beforeOffset(upTo));
                    purged += upTo - beginning.get(partition);
                }
            }
        }
        if (deletions.isEmpty()) {
            return 0;
        }
        try (Admin admin = Admin.create(kafka.admin())) {
            admin.deleteRecords(deletions).all().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while purging", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not purge the dead-letter topic: " + e.getMessage(), e);
        }
        return purged;
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties config = kafka.base();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ces-dead-letter-reader");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return new KafkaConsumer<>(config);
    }

    private List<TopicPartition> assignAll(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(publisher.topic(), REQUEST_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    private static void seekTo(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, REQUEST_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, REQUEST_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
        }
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), REQUEST_TIMEOUT) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static StoredDeadLetter stored(ConsumerRecord<String, byte[]> record) {
        List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new java.util.AbstractMap.SimpleImmutableEntry<>(header.key(), header.value()));
        }
        return new StoredDeadLetter(record.partition() + "-" + record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), headers);
    }
}

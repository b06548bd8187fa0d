package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.CloudEventDecoder;
import io.ces.domain.event.EventRejectedException;
import io.ces.domain.event.Target;
import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.HistorySource;
import io.ces.domain.history.StreamLocation;
import io.ces.domain.history.Replay;
import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.logging.LogFields;

/**
 * Reads a stream's events back from Kafka by position, for recoveries that reach further than in-memory history.
 *
 * <p>A stream's partition is the one its history saw it in, or else the one Kafka's default partitioner picks for
 * its routing key (the room, session or user id), per the key contract of docs/protocol.md. The read starts right
 * after the client's position and ends at the partition's end as of the start of the read; what arrives after that
 * reaches the client live. It is bounded in records and time, and incomplete when the position is older than
 * what the partition retains.
 */
@ApplicationScoped
public class KafkaHistoryReader implements HistorySource {

    private static final Logger LOG = Logger.getLogger(KafkaHistoryReader.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    KafkaClientSettings kafka;

    @Inject
    @ConfigProperty(name = "ces.kafka.topic")
    String mainTopic;

    @Inject
    GatewaySettings settings;

    private final CloudEventDecoder decoder = new CloudEventDecoder(JsonProvider.provider());
    /**
     * KafkaConsumer is single-threaded: recoveries borrow one of a few. With a single shared one, a reconnect storm
     * queued every new connection behind every recovery's read, until the server's executor ran out of threads.
     */
    private final BlockingQueue<KafkaConsumer<String, byte[]>> readers = new LinkedBlockingQueue<>();
    private final List<KafkaConsumer<String, byte[]>> all = new ArrayList<>();
    /** Partition counts change only when an operator adds partitions, which breaks the key contract anyway. */
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    /**
     * Every new subscription asks for its partition's end offset until this replica has routed an event there;
     * callers at the same time share one round trip that started after they asked.
     */
    private final CoalescedLookup<StreamLocation, Long> endOffsets = new CoalescedLookup<>(this::askLastOffset);

    @PostConstruct
    void open() {
        for (int i = 0; i < settings.recoveryKafkaReaders(); i++) {
            Properties config = kafka.base();
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ces-history-reader-" + i);
            KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config);
            all.add(reader);
            readers.add(reader);
        }
    }

    @PreDestroy
    void close() {
        for (KafkaConsumer<String, byte[]> reader : all) {
            synchronized (reader) {
                reader.close(Duration.ofSeconds(2));
            }
        }
    }

    @Override
    public Replay read(Target stream, long afterSeq, String topic, int partition) {
        if (settings.recoveryKafkaMaxRecords() == 0) {
            return Replay.unknown();
        }
        KafkaConsumer<String, byte[]> reader = borrow();
        if (reader == null) {
            return Replay.unknown();
        }
        try {
            synchronized (reader) {
                return read(reader, stream, afterSeq, topic, partition);
            }
        } finally {
            readers.add(reader);
        }
    }

    private KafkaConsumer<String, byte[]> borrow() {
        try {
            return readers.poll(settings.recoveryKafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Replay read(KafkaConsumer<String, byte[]> consumer, Target stream, long afterSeq, String topic,
            int partition) {
        int maxRecords = settings.recoveryKafkaMaxRecords();
        String readTopic = topic != null ? topic : mainTopic;
        int readPartition = partition >= 0 ? partition : partitionFor(consumer, readTopic, stream.id());
        if (readPartition < 0) {
            return Replay.unknown();
        }
        TopicPartition source = new TopicPartition(readTopic, readPartition);
        Set<TopicPartition> assignment = Set.of(source);
        consumer.assign(assignment);
        long start = afterSeq + 1;
        long beginning = consumer.beginningOffsets(assignment).get(source);
        long end = consumer.endOffsets(assignment).get(source);
        if (start < beginning) {
            LogFields.none().target(stream).log(LOG, Level.FINE, "position " + afterSeq + " of "
                    + LogFields.describe(stream) + " is older than what " + source + " retains");
            return new Replay(false, List.of(), readTopic, readPartition);
        }
        List<HistoryEntry> entries = new ArrayList<>();
        if (start >= end) {
            return new Replay(true, entries, readTopic, readPartition);
        }
        if (end - start > maxRecords) {
            return new Replay(false, List.of(), readTopic, readPartition);
        }
        consumer.seek(source, start);
        long deadline = System.nanoTime() + settings.recoveryKafkaTimeout().toNanos();
        long position = start;
        while (position < end) {
            if (System.nanoTime() > deadline) {
                return new Replay(false, List.of(), readTopic, readPartition);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(source)) {
                if (record.offset() >= end) {
                    break;
                }
                position = record.offset() + 1;
                if (stream.id().equals(record.key())) {
                    event(record).filter(e -> e.target().equals(stream))
                            .ifPresent(e -> entries.add(new HistoryEntry(record.offset(), record.timestamp(), e.json())));
                }
            }
            position = Math.max(position, consumer.position(source));
        }
        return new Replay(true, entries, readTopic, readPartition);
    }

    @Override
    public StreamLocation partitionOf(Target stream) {
        Integer count = partitionCounts.get(mainTopic);
        int partition;
        if (count != null) {
            partition = partition(stream.id(), count);
        } else {
            KafkaConsumer<String, byte[]> reader = borrow();
            if (reader == null) {
                return null;
            }
            try {
                synchronized (reader) {
                    partition = partitionFor(reader, mainTopic, stream.id());
                }
            } finally {
                readers.add(reader);
            }
        }
        return partition < 0 ? null : new StreamLocation(mainTopic, partition);
    }

    @Override
    public long lastOffset(StreamLocation location) {
        return endOffsets.get(location);
    }

    private long askLastOffset(StreamLocation location) {
        KafkaConsumer<String, byte[]> reader = borrow();
        if (reader == null) {
            throw new IllegalStateException("no Kafka reader free within the recovery timeout");
        }
        try {
            synchronized (reader) {
                TopicPartition source = new TopicPartition(location.topic(), location.partition());
                return reader.endOffsets(Set.of(source)).get(source) - 1;
            }
        } finally {
            readers.add(reader);
        }
    }

    private java.util.Optional<CloudEvent> event(ConsumerRecord<String, byte[]> record) {
        try {
            return java.util.Optional.of(decoder.decode(record.value(), new KafkaEventHeaders(record.headers())));
        } catch (EventRejectedException rejected) {
            return java.util.Optional.empty();
        }
    }

    /** The partition Kafka's default partitioner chooses for {@code key}, or -1 when the topic is unknown. */
    private int partitionFor(KafkaConsumer<String, byte[]> consumer, String topic, String key) {
        Integer count = partitionCounts.get(topic);
        if (count == null) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                return -1;
            }
            count = partitions.size();
            partitionCounts.put(topic, count);
        }
        return partition(key, count);
    }

    private static int partition(String key, int count) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }
}

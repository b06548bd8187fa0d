package io.ces.it;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The JSON events CES publishes to a topic (presence, receipts) from the topic's end at opening on, read the way a
 * backend that follows them would: assigned every partition, with no consumer group.
 */
final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration settle;

    /** From the end of {@code topic} now; {@link #await} reads on for {@code settle} to catch extra copies. */
    TopicTail(String topic, Duration settle) {
        this.settle = settle;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Gateway.KAFKA);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolves the end now, so that nothing published after the opening is missed
        partitions.forEach(consumer::position);
    }

    /** Waits until {@code count} events match, then reads on for the settle time; answers every match read. */
    List<JsonObject> await(Predicate<JsonObject> wanted, int count, Duration timeout) {
        List<JsonObject> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long settleUntil = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, settleUntil)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                JsonObject event = Json.createReader(new StringReader(
                        new String(record.value(), StandardCharsets.UTF_8))).readObject();
                if (wanted.test(event)) {
                    found.add(event);
                }
            }
            if (found.size() >= count && settleUntil == Long.MAX_VALUE) {
                settleUntil = System.nanoTime() + settle.toNanos();
            }
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

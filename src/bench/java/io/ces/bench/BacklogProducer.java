package io.ces.bench;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the ingest scenario's backlog before CES starts: {@code count} CloudEvents of about 200 bytes for rooms
 * nobody subscribes to. With a count of 0 it does nothing, so the other scenarios skip it. The scenario writes a
 * second backlog the same way once CES is warm ({@link #write}).
 */
public final class BacklogProducer {

    private BacklogProducer() {
    }

    public static void main(String[] args) {
        long count = Long.parseLong(args[2]);
        if (count > 0) {
            write(args[0], args[1], 0, count);
        }
    }

    /**
     * Writes events {@code first} to {@code first + count - 1}; each has an id of its own, so that none is dropped
     * as a repeat of an earlier backlog.
     */
    static void write(String bootstrap, String topic, long first, long count) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (long i = first; i < first + count; i++) {
                String room = "backlog-" + (i % 1000);
                String value = "{\"specversion\":\"1.0\",\"id\":\"backlog-" + i + "\",\"source\":\"/bench\","
                        + "\"type\":\"bench.backlog\",\"room\":\"" + room + "\",\"data\":{\"text\":\"padding to about two "
                        + "hundred bytes\",\"n\":" + i + "}}";
                producer.send(new ProducerRecord<>(topic, room, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        System.out.printf("backlog: %,d records to %s in %.1f s%n", count, topic, (System.nanoTime() - start) / 1e9);
    }
}

package io.ces.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces test events to the real broker, the way a backend would. */
public final class Events implements AutoCloseable {

    public static final String TOPIC = "ces.events";
    private static final AtomicInteger IDS = new AtomicInteger();

    private final KafkaProducer<String, byte[]> producer;

    public Events() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Gateway.KAFKA);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    public static String nextId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    public static String roomEvent(String id, String room, String dataJson) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/it\",\"type\":\"chat.message\","
                + "\"room\":\"" + room + "\",\"datacontenttype\":\"application/json\",\"data\":" + dataJson + "}";
    }

    public static String targetedEvent(String id, String attribute, String target, String dataJson) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/it\",\"type\":\"notice\","
                + "\"" + attribute + "\":\"" + target + "\",\"data\":" + dataJson + "}";
    }

    public RecordMetadata send(String key, String value) {
        return send(new ProducerRecord<>(TOPIC, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    }

    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("produce failed", e);
        }
    }

    public void sendAsync(String key, String value) {
        producer.send(new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package io.ces.bench;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces room events at a controlled rate, round robin over the rooms. Each event carries its send time
 * ({@code System.nanoTime()}, comparable with the clients' clock since they share this JVM) and its number within
 * its room, from which the clients tell losses and duplicates.
 */
final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String[] rooms;
    private final long[] nextNumber;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long ids;

    EventProducer(String bootstrap, String topic, String[] rooms) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.rooms = rooms;
        this.nextNumber = new long[rooms.length];
    }

    /** Sends {@code rate} events per second for {@code seconds}, on the calling thread. */
    void run(int rate, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long due = 0;
        int room = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long shouldHaveSent = (long) ((now - start) / 1e9 * rate);
            for (; due < shouldHaveSent; due++) {
                send(room);
                room = (room + 1) % rooms.length;
            }
            LockSupport.parkNanos(1_000_000);
        }
        producer.flush();
    }

    private void send(int room) {
        long number = nextNumber[room]++;
        String value = "{\"specversion\":\"1.0\",\"id\":\"bench-" + (ids++) + "-" + System.nanoTime()
                + "\",\"source\":\"/bench\",\"type\":\"bench.tick\",\"room\":\"" + rooms[room]
                + "\",\"data\":{\"t\":" + System.nanoTime() + ",\"k\":" + number + "}}";
        producer.send(new ProducerRecord<>(topic, rooms[room], value.getBytes(StandardCharsets.UTF_8)), (m, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
        });
        sent.incrementAndGet();
    }

    /** How many events of the room were produced: the clients should have received numbers up to this minus one. */
    long produced(int room) {
        return nextNumber[room];
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}

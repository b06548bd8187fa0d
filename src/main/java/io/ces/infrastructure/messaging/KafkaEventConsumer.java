package io.ces.infrastructure.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.ces.application.EventRoutingService;
import io.ces.domain.event.InboundRecord;

/**
 * The inbound channel {@code events} (liberty-kafka connector, topic {@code ces.kafka.topic}). Each record is
 * routed on the consumer thread, which only enqueues frames, and then acknowledged, so its offset is committed after
 * it was handed to every connection.
 */
@ApplicationScoped
public class KafkaEventConsumer {

    @Inject
    EventRoutingService routing;

    @Incoming("events")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, byte[]> record = message.unwrap(ConsumerRecord.class);
        routing.route(new InboundRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), new KafkaEventHeaders(record.headers())));
        return message.ack();
    }
}

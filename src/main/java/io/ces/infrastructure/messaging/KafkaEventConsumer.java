package io.ces.infrastructure.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.ces.application.ContextualInstances;
import io.ces.application.EventRoutingService;
import io.ces.domain.event.InboundRecord;

/**
 * The inbound channel {@code events} (liberty-kafka connector, topic {@code ces.kafka.topic}). Each record is
 * routed on the consumer thread, which only enqueues frames, and acknowledged once it is accounted for: handed to
 * every connection, dropped as a duplicate, or stored in the dead-letter topic. Its offset is committed only then.
 */
@ApplicationScoped
public class KafkaEventConsumer {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    @Inject
    EventRoutingService routing;

    @Inject
    BeanManager beans;

    @PostConstruct
    void init() {
        routing = ContextualInstances.of(beans, EventRoutingService.class); // called per record: not through the proxy
    }

    @Incoming("events")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, byte[]> record = message.unwrap(ConsumerRecord.class);
        routing.route(new InboundRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), new KafkaEventHeaders(record.headers())))
                .whenComplete((accountedFor, deadLetterFailed) -> {
                    if (deadLetterFailed == null) {
                        message.ack();
                    }
                    // else: left unacknowledged, so the offset is not committed and the record is read again
                    // after a restart (logged as CES0108E)
                });
        // Not waiting here: a record parked for a retry holds back its own room, not the channel. Liberty's
        // connector commits acknowledged offsets in order, so a later record's ack never commits past this one.
        return DONE;
    }
}

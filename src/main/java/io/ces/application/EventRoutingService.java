package io.ces.application;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.delivery.Router;
import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.CloudEventDecoder;
import io.ces.domain.event.EventRejectedException;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.history.EventHistory;
import io.ces.domain.session.SessionRegistry;
import io.ces.infrastructure.metrics.GatewayMetrics;

/**
 * Routes each inbound record: decode it as a CloudEvent, hand one frame to every recipient's queue, and account
 * for the records that cannot be delivered. Whatever a record contains, this method returns normally, so a bad
 * record never stops consumption.
 */
@ApplicationScoped
public class EventRoutingService {

    private static final Logger LOG = Logger.getLogger(EventRoutingService.class.getName());

    @Inject
    SessionRegistry registry;

    @Inject
    EventHistory history;

    @Inject
    GatewayMetrics metrics;

    private CloudEventDecoder decoder;
    private Router router;

    @PostConstruct
    void init() {
        decoder = new CloudEventDecoder(JsonProvider.provider());
        router = new Router(registry, history);
    }

    public void route(InboundRecord record) {
        metrics.eventConsumed();
        history.observe(record.topic(), record.partition(), record.offset());
        try {
            CloudEvent event = decoder.decode(record.value(), record.headers());
            metrics.framesQueued(router.route(event, record.topic(), record.partition(), record.offset()));
        } catch (EventRejectedException rejected) {
            metrics.eventRejected(rejected.reason().code());
            LOG.log(Level.WARNING, "CES0101W: record {0} rejected ({1}): {2}",
                    new Object[] {record.position(), rejected.reason().code(), rejected.getMessage()});
        } catch (RuntimeException unexpected) {
            metrics.eventRejected("internal-error");
            LOG.log(Level.SEVERE, "CES0102E: record " + record.position() + " could not be routed", unexpected);
        }
    }
}

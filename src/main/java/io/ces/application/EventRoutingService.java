package io.ces.application;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import io.ces.domain.deadletter.DeadLetter;
import io.ces.domain.deadletter.DeadLetterHeaders;
import io.ces.domain.deadletter.RetryLanes;
import io.ces.domain.delivery.Router;
import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.CloudEventDecoder;
import io.ces.domain.event.EventRejectedException;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;
import io.ces.domain.event.SeenEvents;
import io.ces.domain.event.Target;
import io.ces.domain.history.EventHistory;
import io.ces.domain.schema.SchemaVerdict;
import io.ces.domain.session.SessionRegistry;
import io.ces.infrastructure.config.ConflationSettings;
import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.logging.LogFields;
import io.ces.infrastructure.metrics.GatewayMetrics;

/**
 * Routes each inbound record: decode it as a CloudEvent, check its data against its schema, drop it if the same
 * event was seen already, and hand one frame to every recipient's queue. Whatever a record contains, the returned
 * stage completes normally once the record is routed or dead-lettered, so a bad record never stops consumption and
 * an offset is committed only for a record that is accounted for.
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

    @Inject
    DeadLetterService deadLetters;

    @Inject
    SeenEvents seen;

    @Inject
    EventSchemas schemas;

    @Inject
    GatewaySettings settings;

    @Inject
    EventTracing tracing;

    @Inject
    ConflationSettings conflation;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private CloudEventDecoder decoder;
    private Router router;
    private RetryLanes<Target> lanes;

    @PostConstruct
    void init() {
        decoder = new CloudEventDecoder(JsonProvider.provider());
        router = new Router(registry, history, conflation.policy());
        lanes = new RetryLanes<>(settings.retryBackoff(),
                (task, delay) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                java.time.Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
        metrics.retries(lanes);
    }

    public CompletionStage<Void> route(InboundRecord record) {
        Span span = tracing.startRoute(record);
        try (Scope scope = span.makeCurrent()) {
            return route(record, span);
        } finally {
            span.end();
        }
    }

    private CompletionStage<Void> route(InboundRecord record, Span span) {
        metrics.eventConsumed();
        history.observe(record.topic(), record.partition(), record.offset());
        CloudEvent event;
        try {
            event = decoder.decode(record.value(), record.headers());
        } catch (EventRejectedException rejected) {
            tracing.rejected(span, rejected.eventId(), rejected.reason());
            return deadLetters.refuse(record, LogFields.none().event(rejected.eventId()), rejected.reason(),
                    rejected.getMessage());
        }
        tracing.decoded(span, event.id(), event.target());
        SchemaVerdict verdict = schemas.check(event);
        if (verdict.invalid()) {
            tracing.rejected(span, event.id(), RejectionReason.SCHEMA_INVALID);
            return deadLetters.refuse(record, LogFields.none().event(event.id()).target(event.target()),
                    RejectionReason.SCHEMA_INVALID,
                    verdict.schemaId() + ": " + String.join("; ", verdict.errors()));
        }
        RoutingJob job = new RoutingJob(record, event, span);
        CompletableFuture<Void> submitted = lanes.submit(event.target(), job).toCompletableFuture();
        if (submitted.isDone() && !submitted.isCompletedExceptionally()) {
            return job.outcome; // the common case, routed at once: no further stage per record
        }
        tracing.retrying(span);
        return submitted.thenCompose(routed -> job.outcome);
    }

    /** Routing one event; the idempotency check may fail while the cache is unavailable, and is then retried. */
    private final class RoutingJob implements RetryLanes.Job {

        private final InboundRecord record;
        private final CloudEvent event;
        private final Span span;
        private final Context trace;
        CompletionStage<Void> outcome = CompletableFuture.completedFuture(null);

        RoutingJob(InboundRecord record, CloudEvent event, Span span) {
            this.record = record;
            this.event = event;
            this.span = span;
            this.trace = Context.current();
        }

        @Override
        public void attempt() {
            if (Context.current() == trace) {
                attemptInTrace(); // the first attempt, on the consumer's thread
                return;
            }
            try (Scope scope = trace.makeCurrent()) {
                attemptInTrace(); // a retry on the scheduler: its log lines keep the record's trace id
            }
        }

        private LogFields fields() {
            return LogFields.none().event(event.id()).target(event.target()).record(record.position());
        }

        private void attemptInTrace() {
            // a replay from the dead-letter topic is deliberate: it must not be dropped as a duplicate
            boolean replay = record.headers().get(DeadLetterHeaders.REPLAY_COUNT) != null;
            if (!replay && !seen.firstOccurrence(event.source(), event.id(), record.position())) {
                metrics.duplicateDropped();
                tracing.duplicate(span);
                fields().log(LOG, Level.FINE, "record " + record.position() + " repeats event " + event.id()
                        + "; dropped");
                return;
            }
            try {
                long started = System.nanoTime();
                int recipients = router.route(event, record.topic(), record.partition(), record.offset(),
                        record.timestamp(), record.key());
                metrics.framesQueued(recipients);
                metrics.eventRouted(System.nanoTime() - started);
                tracing.routed(span, recipients);
            } catch (RuntimeException unexpected) {
                fields().log(LOG, Level.SEVERE, "CES0102E: record " + record.position() + " could not be routed",
                        unexpected);
                tracing.rejected(span, event.id(), RejectionReason.INTERNAL_ERROR);
                outcome = deadLetters.refuse(record, fields(), RejectionReason.INTERNAL_ERROR, unexpected.toString());
            }
        }

        @Override
        public CompletionStage<Void> giveUp(int retries, Instant firstFailure, Instant lastFailure,
                RuntimeException cause) {
            try (Scope scope = trace.makeCurrent()) {
                return deadLetters.deadLetter(new DeadLetter(record, RejectionReason.DELIVERY_FAILED,
                        "the idempotency check kept failing: " + cause, retries, firstFailure, lastFailure, null),
                        fields());
            }
        }
    }
}

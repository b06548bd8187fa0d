package io.ces.application;

import java.time.Instant;
import java.util.List;
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
import io.ces.domain.routing.EventFacts;
import io.ces.domain.routing.RoutingDecision;
import io.ces.domain.routing.RoutingRules;
import io.ces.domain.schema.SchemaVerdict;
import io.ces.domain.session.SessionRegistry;
import io.ces.infrastructure.config.ConflationSettings;
import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.logging.LogFields;
import io.ces.infrastructure.metrics.GatewayMetrics;

/**
 * Routes each inbound record: decode it as a CloudEvent, check its data against its schema, let the routing rules
 * (if any) choose its targets or filter it, drop it if the same event was seen already, and hand one frame to every
 * recipient's queue. Whatever a record contains, the returned
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
    RoutingRulesService routingRules;

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

    /**
     * Creates this bean and its dependencies, the tracer among them, on the caller's thread: consumers call it at
     * startup from a container thread, because their plain polling threads have no component context to create them
     * with (a backlog routed before the main channel's first record failed so).
     */
    public void prepare() {
        tracing.prepare();
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
        RoutingRules rules = routingRules.current();
        CloudEvent event;
        try {
            // with rules, an event that names no target may still get one from a rule
            event = decoder.decode(record.value(), record.headers(), rules.isEmpty());
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
        if (rules.isEmpty()) {
            return submit(record, event, event.id(), span);
        }
        return routeByRules(rules, record, event, span);
    }

    private CompletionStage<Void> routeByRules(RoutingRules rules, InboundRecord record, CloudEvent event, Span span) {
        RoutingDecision decision = rules.decide(new EventFacts(event.attributes(), record.headers()));
        if (decision instanceof RoutingDecision.Routed routed) {
            List<Target> targets = routed.targets();
            if (targets.size() == 1) {
                return submit(record, event.withTarget(targets.get(0)), event.id(), span);
            }
            CompletableFuture<?>[] outcomes = new CompletableFuture<?>[targets.size()];
            for (int i = 0; i < outcomes.length; i++) {
                Target target = targets.get(i);
                // one record, several deliveries: the target is part of the identity, or the second would be a repeat
                String identity = event.id() + '\u0000' + target.kind().attribute() + ':' + target.id();
                outcomes[i] = submit(record, event.withTarget(target), identity, span).toCompletableFuture();
            }
            return CompletableFuture.allOf(outcomes);
        }
        if (decision instanceof RoutingDecision.Dropped dropped) {
            metrics.eventFiltered(dropped.rule());
            LogFields.none().event(event.id()).record(record.position()).log(LOG, Level.FINE,
                    "record " + record.position() + " filtered by rule " + dropped.rule());
            return CompletableFuture.completedFuture(null);
        }
        if (decision instanceof RoutingDecision.Failed failed) {
            tracing.rejected(span, event.id(), RejectionReason.RULE_FAILED);
            return deadLetters.refuse(record, LogFields.none().event(event.id()).target(event.target()),
                    RejectionReason.RULE_FAILED, failed.reason());
        }
        if (event.target() == null) {
            tracing.rejected(span, event.id(), RejectionReason.NO_TARGET);
            return deadLetters.refuse(record, LogFields.none().event(event.id()), RejectionReason.NO_TARGET,
                    "the event has none of the target attributes room, sessionid, userid, and no routing rule matched");
        }
        return submit(record, event, event.id(), span);
    }

    private CompletionStage<Void> submit(InboundRecord record, CloudEvent event, String identity, Span span) {
        RoutingJob job = new RoutingJob(record, event, identity, span);
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
        private final String identity;
        private final Span span;
        private final Context trace;
        CompletionStage<Void> outcome = CompletableFuture.completedFuture(null);

        RoutingJob(InboundRecord record, CloudEvent event, String identity, Span span) {
            this.record = record;
            this.event = event;
            this.identity = identity;
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
            if (!replay && !seen.firstOccurrence(event.source(), identity, record.position())) {
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

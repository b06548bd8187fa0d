package io.ces.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
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
import io.ces.domain.event.OrderedPipeline;
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
    ConflationSettings conflation;

    @Inject
    RoutingRulesService routingRules;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BeanManager beans;

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletionStage<Boolean> FIRST_OCCURRENCE = CompletableFuture.completedFuture(true);
    /**
     * How many records may wait for their idempotency check or for the records before them: enough for a batch of
     * checks to gather while the previous one is answered (the shared cache answers 1,024 checks at once), few
     * enough to be routed within milliseconds.
     */
    private static final int RECORDS_IN_FLIGHT = 2048;

    private CloudEventDecoder decoder;
    private Router router;
    private RetryLanes<Target> lanes;
    private OrderedPipeline<Boolean> pipeline;

    @PostConstruct
    void init() {
        // called for every record: the instances themselves, not the injected client proxies
        metrics = ContextualInstances.of(beans, GatewayMetrics.class);
        tracing = ContextualInstances.of(beans, EventTracing.class);
        schemas = ContextualInstances.of(beans, EventSchemas.class);
        routingRules = ContextualInstances.of(beans, RoutingRulesService.class);
        seen = ContextualInstances.of(beans, SeenEvents.class);
        decoder = new CloudEventDecoder(JsonProvider.provider());
        router = new Router(registry, history, conflation.policy());
        lanes = new RetryLanes<>(settings.retryBackoff(),
                (task, delay) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                java.time.Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
        metrics.retries(lanes);
        pipeline = new OrderedPipeline<>(RECORDS_IN_FLIGHT, EventRoutingService::routingThread,
                bug -> LOG.log(Level.SEVERE, "CES0102E: a record could not be routed", bug));
    }

    /**
     * Creates this bean and its dependencies, the tracer among them, on the caller's thread: consumers call it at
     * startup from a container thread, because their plain polling threads have no component context to create them
     * with (a backlog routed before the main channel's first record failed so).
     */
    public void prepare() {
        tracing.prepare();
    }

    /**
     * A plain daemon thread: Liberty's quiesce on `server stop` waits 30 s for managed threads that never end. It
     * runs nothing that needs a container context.
     */
    private static Thread routingThread(Runnable routing) {
        Thread thread = new Thread(routing, "ces-routing");
        thread.setDaemon(true);
        return thread;
    }

    /** Routes what was read before the stop and whose check answers within a second. */
    @PreDestroy
    void stop() {
        pipeline.close(Duration.ofSeconds(1));
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    /**
     * Starts routing a record. Decoding and the schema check happen on the caller's thread, which then starts the
     * idempotency check and returns; the routing itself happens on the pipeline's thread once the check answered,
     * in the order records were read.
     */
    public CompletionStage<Void> route(InboundRecord record) {
        Span span = tracing.startRoute(record);
        try (Scope scope = span.makeCurrent()) {
            return route(record, span);
        }
    }

    private CompletionStage<Void> route(InboundRecord record, Span span) {
        metrics.eventConsumed();
        history.observe(record.topic(), record.partition(), record.offset());
        RoutingRules rules = routingRules.current();
        CloudEvent event;
        try {
            // with rules, an event that names no target may still get one from a rule; only rules and schemas
            // look into the event beyond its attributes
            event = decoder.decode(record.value(), record.headers(), rules.isEmpty(),
                    !rules.isEmpty() || schemas.enabled());
        } catch (EventRejectedException rejected) {
            tracing.rejected(span, rejected.eventId(), rejected.reason());
            span.end();
            return deadLetters.refuse(record, LogFields.none().event(rejected.eventId()), rejected.reason(),
                    rejected.getMessage());
        }
        tracing.decoded(span, event.id(), event.target());
        SchemaVerdict verdict = schemas.check(event);
        if (verdict.invalid()) {
            tracing.rejected(span, event.id(), RejectionReason.SCHEMA_INVALID);
            span.end();
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
            span.end();
            metrics.eventFiltered(dropped.rule());
            LogFields.none().event(event.id()).record(record.position()).log(LOG, Level.FINE,
                    "record " + record.position() + " filtered by rule " + dropped.rule());
            return CompletableFuture.completedFuture(null);
        }
        if (decision instanceof RoutingDecision.Failed failed) {
            tracing.rejected(span, event.id(), RejectionReason.RULE_FAILED);
            span.end();
            return deadLetters.refuse(record, LogFields.none().event(event.id()).target(event.target()),
                    RejectionReason.RULE_FAILED, failed.reason());
        }
        if (event.target() == null) {
            tracing.rejected(span, event.id(), RejectionReason.NO_TARGET);
            span.end();
            return deadLetters.refuse(record, LogFields.none().event(event.id()), RejectionReason.NO_TARGET,
                    "the event has none of the target attributes room, sessionid, userid, and no routing rule matched");
        }
        return submit(record, event, event.id(), span);
    }

    private CompletionStage<Void> submit(InboundRecord record, CloudEvent event, String identity, Span span) {
        RoutingJob job = new RoutingJob(record, event, identity, span);
        pipeline.submit(job.replay ? FIRST_OCCURRENCE
                : seen.firstOccurrenceAsync(event.source(), identity, record.position()), job);
        return job.accounted;
    }

    /**
     * Routing one event, once its idempotency check answered. The check may fail while the cache is unavailable;
     * it is then retried in the event's retry lane.
     */
    private final class RoutingJob implements RetryLanes.Job, OrderedPipeline.Step<Boolean> {

        private final InboundRecord record;
        private final CloudEvent event;
        private final String identity;
        private final Span span;
        private final Context trace;
        /** A replay from the dead-letter topic is deliberate: it must not be dropped as a duplicate. */
        final boolean replay;
        /** Complete once the record is accounted for: routed, dropped as a duplicate, or dead-lettered. */
        final CompletableFuture<Void> accounted = new CompletableFuture<>();
        private CompletionStage<Void> outcome = DONE;
        /** The answer of the check started when the record was read; the first attempt uses it. */
        private Boolean firstCheck;
        private RuntimeException firstCheckFailure;
        private boolean attempted;

        RoutingJob(InboundRecord record, CloudEvent event, String identity, Span span) {
            this.record = record;
            this.event = event;
            this.identity = identity;
            this.span = span;
            this.trace = Context.current();
            this.replay = record.headers().get(DeadLetterHeaders.REPLAY_COUNT) != null;
        }

        @Override
        public void run(Boolean firstOccurrence, Throwable checkFailed) {
            firstCheck = firstOccurrence;
            firstCheckFailure = checkFailed == null ? null : unwrap(checkFailed);
            CompletableFuture<Void> submitted = lanes.submit(event.target(), this).toCompletableFuture();
            if (submitted.isDone() && !submitted.isCompletedExceptionally()) {
                span.end();
                completeWith(outcome); // the common case, routed at once
                return;
            }
            metrics.routingDelayed();
            tracing.retrying(span);
            span.end();
            submitted.whenComplete((routed, deadLetterFailed) -> {
                if (deadLetterFailed == null) {
                    completeWith(outcome);
                } else {
                    accounted.completeExceptionally(deadLetterFailed);
                }
            });
        }

        @Override
        public void abandoned() {
            span.end();
            // not accounted for: its offset is not committed, and it is read again after the restart
            accounted.completeExceptionally(new IllegalStateException("CES is stopping"));
        }

        private void completeWith(CompletionStage<Void> stage) {
            if (stage == DONE) {
                accounted.complete(null);
                return;
            }
            stage.whenComplete((done, failure) -> {
                if (failure == null) {
                    accounted.complete(null);
                } else {
                    accounted.completeExceptionally(failure);
                }
            });
        }

        @Override
        public void attempt() {
            if (Context.current() == trace) {
                attemptInTrace();
                return;
            }
            try (Scope scope = trace.makeCurrent()) {
                attemptInTrace(); // on the pipeline or the retry scheduler: its log lines keep the record's trace id
            }
        }

        private LogFields fields() {
            return LogFields.none().event(event.id()).target(event.target()).record(record.position());
        }

        private boolean firstOccurrence() {
            if (replay) {
                return true;
            }
            if (!attempted) {
                attempted = true;
                if (firstCheckFailure != null) {
                    throw firstCheckFailure;
                }
                return firstCheck;
            }
            return seen.firstOccurrence(event.source(), identity, record.position()); // a retry asks again
        }

        private void attemptInTrace() {
            if (!firstOccurrence()) {
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

package io.ces.infrastructure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import io.ces.domain.deadletter.RetryLanes;
import io.ces.domain.event.RejectionReason;
import io.ces.domain.history.EventHistory;
import io.ces.infrastructure.cache.HazelcastMember;
import io.ces.domain.session.SessionRegistry;

/**
 * CES's application metrics. Counters are looked up once and cached, so counting on the per-message path is a
 * field read and an add.
 */
@ApplicationScoped
public class GatewayMetrics {

    @Inject
    MetricRegistry metrics;

    @Inject
    SessionRegistry sessions;

    @Inject
    HazelcastMember cache;

    @Inject
    EventHistory history;

    private Counter consumed;
    private Counter framesQueued;
    private Counter unrouted;
    private Counter duplicates;
    private Counter routingDelayed;
    private Counter delivered;
    private Counter registrations;
    private Counter conflated;
    private Counter batches;
    private Counter batchedFrames;
    private Timer deliveryLatency;
    private Timer processing;
    private final Map<String, Counter> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetteredByReason = new ConcurrentHashMap<>();
    private final Map<String, Counter> filteredByRule = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        consumed = metrics.counter("ces_events_consumed_total");
        framesQueued = metrics.counter("ces_frames_queued_total");
        unrouted = metrics.counter("ces_events_without_recipient_total");
        duplicates = metrics.counter("ces_events_duplicate_total");
        routingDelayed = metrics.counter("ces_routing_delayed_total");
        metrics.gauge("ces_sessions", sessions, SessionRegistry::sessionCount);
        metrics.gauge("ces_connections", sessions, SessionRegistry::connectedCount);
        metrics.gauge("ces_rooms", sessions, SessionRegistry::roomCount);
        metrics.gauge("ces_subscriptions", sessions, SessionRegistry::subscriptionCount);
        metrics.gauge("ces_outbound_queued_frames", sessions, SessionRegistry::queuedFrames);
        metrics.gauge("ces_cache_members", cache, HazelcastMember::clusterSize);
        metrics.gauge("ces_history_streams", history, EventHistory::streamCount);
        metrics.gauge("ces_history_heap_bytes", history, EventHistory::heapBytes);
        delivered = metrics.counter("ces_events_delivered_total");
        registrations = metrics.counter("ces_session_registrations_total");
        deliveryLatency = metrics.timer("ces_delivery_latency_seconds");
        processing = metrics.timer("ces_event_processing_seconds");
        conflated = metrics.counter("ces_frames_conflated_total");
        batches = metrics.counter("ces_websocket_batches_total");
        batchedFrames = metrics.counter("ces_websocket_batched_frames_total");
        // Every series a dashboard or alert refers to exists from the start, at 0, not only after its first event.
        metrics.counter("ces_sessions_expired_total");
        metrics.counter("ces_session_expired_pending_events_total");
        for (RejectionReason reason : RejectionReason.values()) {
            eventRejected(reason.code(), 0);
            deadLettered(reason.code(), 0);
        }
        for (String source : new String[] {"history", "kafka"}) {
            for (String result : new String[] {"recovered", "unrecoverable"}) {
                metrics.counter("ces_recoveries_total", new Tag("source", source), new Tag("result", result));
            }
            metrics.counter("ces_replayed_events_total", new Tag("source", source));
        }
    }

    /** Registers the metrics at startup, so that they are published before the first record arrives. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct registers
    }

    public void eventConsumed() {
        consumed.inc();
    }

    public void framesQueued(int frames) {
        if (frames == 0) {
            unrouted.inc();
        } else {
            framesQueued.inc(frames);
        }
    }

    /** A batched WebSocket frame (a JSON array of {@code frames} frames) was written to a client's socket. */
    public void framesBatched(int frames) {
        batches.inc();
        batchedFrames.inc(frames);
    }

    /**
     * A live event's frame was written to a client's socket: counted as delivered, and timed from its Kafka record's
     * timestamp (the producer's clock, or the broker's with LogAppendTime) to now.
     */
    public void eventFrameWritten(long recordTimestampMillis) {
        delivered.inc();
        long latency = System.currentTimeMillis() - recordTimestampMillis;
        if (latency >= 0) {
            deliveryLatency.update(Duration.ofMillis(latency));
        }
    }

    /** Routing one event (idempotency check, history, fan-out to the queues) took this long on the Kafka thread. */
    public void eventRouted(long nanos) {
        processing.update(Duration.ofNanos(nanos));
    }

    /** Events of a conflated room replaced in a slow client's queue by a newer one of the same key: never sent. */
    public void framesConflated(int events) {
        conflated.inc(events);
    }

    public void sessionRegistered() {
        registrations.inc();
    }

    /** One stream recovered (or found unrecoverable) from history or Kafka, with the number of replayed events. */
    public void recovery(String source, boolean recovered, int replayed) {
        metrics.counter("ces_recoveries_total", new Tag("source", source),
                new Tag("result", recovered ? "recovered" : "unrecoverable")).inc();
        metrics.counter("ces_replayed_events_total", new Tag("source", source)).inc(replayed);
    }

    /** A session was evicted, leaving {@code pendingEvents} events addressed to it undelivered. */
    public void sessionExpired(int pendingEvents) {
        metrics.counter("ces_sessions_expired_total").inc();
        metrics.counter("ces_session_expired_pending_events_total").inc(pendingEvents);
    }

    /** An event already delivered within the idempotency window came again and was dropped. */
    public void duplicateDropped() {
        duplicates.inc();
    }

    /** An event was not routed at once: its idempotency check failed, or it queued behind one that did. */
    public void routingDelayed() {
        routingDelayed.inc();
    }

    /** A routing rule dropped an event on purpose (filtered, not dead-lettered). */
    public void eventFiltered(String rule) {
        filteredByRule.computeIfAbsent(rule, r -> metrics.counter("ces_events_filtered_total", new Tag("rule", r))).inc();
    }

    /** A dead letter was written to the dead-letter topic by this replica. */
    public void deadLettered(String reason) {
        deadLettered(reason, 1);
    }

    private void deadLettered(String reason, long count) {
        deadLetteredByReason.computeIfAbsent(reason,
                r -> metrics.counter("ces_events_dead_lettered_total", new Tag("reason", r))).inc(count);
    }

    /** Events waiting for a retry, and the lanes (rooms, sessions, users) they hold back. */
    public void retries(RetryLanes<?> lanes) {
        metrics.gauge("ces_retry_pending_events", lanes, RetryLanes::parkedJobs);
        metrics.gauge("ces_retry_parked_lanes", lanes, RetryLanes::parkedLanes);
    }

    public void eventRejected(String reason) {
        eventRejected(reason, 1);
    }

    private void eventRejected(String reason, long count) {
        rejectedByReason.computeIfAbsent(reason,
                r -> metrics.counter("ces_events_rejected_total", new Tag("reason", r))).inc(count);
    }
}

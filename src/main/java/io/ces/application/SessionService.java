package io.ces.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.ces.domain.deadletter.DeadLetter;
import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.FrameSink;
import io.ces.domain.delivery.FrameBatching;
import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.delivery.ResumePlan;
import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;
import io.ces.domain.event.Target;
import io.ces.domain.room.RoomId;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientInfo;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionIds;
import io.ces.domain.session.SessionRegistry;
import io.ces.domain.session.SessionSnapshot;
import io.ces.infrastructure.config.BatchSettings;
import io.ces.infrastructure.config.ConflationSettings;
import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.logging.LogFields;
import io.ces.infrastructure.metrics.GatewayMetrics;

/**
 * The life of a client session: registration over REST, connections attaching to it, room subscriptions checked
 * against the caller's token, closing, and expiry of sessions no client has claimed within the grace period.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class.getName());

    /** The outcome of a subscribe request, each mapped to one answer frame. */
    public enum SubscribeOutcome {
        SUBSCRIBED, ALREADY_SUBSCRIBED, INVALID_ROOM, FORBIDDEN,
        /** Subscribed with a position: the recovery announces itself when its replay is queued. */
        RECOVERING
    }

    @Inject
    SessionRegistry registry;

    @Inject
    GatewaySettings settings;

    @Inject
    RecoveryService recovery;

    @Inject
    SharedSessionState shared;

    @Inject
    GatewayMetrics metrics;

    @Inject
    DeadLetterService deadLetters;

    @Inject
    RoomAuthorization authorization;

    @Inject
    PresenceService presence;

    @Inject
    AtLeastOnceDelivery atLeastOnce;

    @Inject
    ConflationSettings conflation;

    @Inject
    BatchSettings batching;

    private final Clock clock = Clock.systemUTC();

    @Inject
    BeanManager beans;

    /** Each connection's queue calls the metrics for every frame written: the instance itself, not the proxy. */
    @PostConstruct
    void holdMetricsInstance() {
        metrics = ContextualInstances.of(beans, GatewayMetrics.class);
    }

    /**
     * Registers a session for the caller, optionally already subscribed to rooms.
     *
     * @throws IllegalArgumentException when a room id is invalid
     * @throws RoomForbiddenException   when the caller may not join one of the rooms
     * @throws SessionLimitException    when the caller or this replica has the maximum number of sessions
     */
    public ClientSession register(Caller caller, List<String> rooms) {
        for (String room : rooms) {
            if (!RoomId.isValid(room)) {
                throw new IllegalArgumentException("invalid room id " + RoomId.describe(room));
            }
            if (!authorization.mayJoin(caller, room)) {
                throw new RoomForbiddenException(room);
            }
        }
        ClientSession session = newSession(caller);
        metrics.sessionRegistered();
        rooms.forEach(room -> {
            registry.subscribe(session, room, recovery.startNow(Target.room(room)));
            atLeastOnce.subscribed(session, room);
        });
        shared.created(session);
        return session;
    }

    /**
     * Attaches a new connection: to the caller's registered session {@code sessionId} when given, else to a new
     * session. The {@code greeting} frame is the first the connection receives. With {@code batched}, frames that wait
     * for the socket are written as JSON arrays (docs/protocol.md, "Batched frames"), when batching is enabled.
     *
     * @return the session and the queue of the new connection, or empty when {@code sessionId} names no session of
     *         this caller
     * @throws SessionLimitException when a new session would exceed a limit
     */
    public Optional<Connection> connect(Caller caller, String sessionId, ClientInfo client, FrameSink sink,
            boolean batched, Function<ClientSession, String> greeting) {
        ClientSession session;
        boolean created = sessionId == null || sessionId.isEmpty();
        if (created) {
            session = newSession(caller);
        } else {
            session = current(sessionId, caller).orElse(null);
            if (session == null) {
                return Optional.empty();
            }
        }
        OutboundQueue queue = new OutboundQueue(sink, settings.outboundQueueSize(), metrics::eventFrameWritten,
                conflation.window(metrics::framesConflated),
                batched ? batching.batching(metrics::framesBatched) : FrameBatching.OFF);
        // The greeting is queued before the queue is attached, so it is the first frame the client reads.
        queue.offer(greeting.apply(session));
        attach(session, queue, client);
        if (created) {
            shared.created(session);
        } else {
            shared.changed(session);
        }
        presence.connected(session);
        return Optional.of(new Connection(session, queue));
    }

    /** Attaches a connection, starting a new epoch of the shared state. */
    private void attach(ClientSession session, OutboundQueue queue, ClientInfo client) {
        session.epoch(session.epoch() + 1);
        session.attach(queue, client, clock.instant());
    }

    /**
     * The caller's session {@code sessionId} as this replica should hold it: the local one, or the one rebuilt from
     * the shared state when another replica has held it since (a newer epoch) or this replica never did.
     */
    private Optional<ClientSession> current(String sessionId, Caller caller) {
        ClientSession local = registry.find(sessionId);
        Optional<SessionSnapshot> shared = this.shared.find(sessionId);
        if (shared.isPresent() && (local == null || shared.get().epoch() > local.epoch())) {
            if (!shared.get().userId().equals(caller.userId())) {
                return Optional.empty();
            }
            return Optional.of(this.shared.restore(shared.get(), caller));
        }
        if (local == null || !local.owner().userId().equals(caller.userId())) {
            return Optional.empty();
        }
        return Optional.of(local);
    }

    private ClientSession newSession(Caller caller) {
        if (registry.sessionCount() >= settings.maxSessionsPerReplica()) {
            throw new SessionLimitException("this replica already holds its maximum of "
                    + settings.maxSessionsPerReplica() + " sessions (ces.session.max-per-replica)");
        }
        if (registry.sessionsOf(caller.userId()).size() >= settings.maxSessionsPerUser()) {
            throw new SessionLimitException("user already has the maximum of " + settings.maxSessionsPerUser()
                    + " sessions (ces.session.max-per-user)");
        }
        String sessionId = SessionIds.next();
        ClientSession session = new ClientSession(sessionId, caller, SessionIds.next(), clock.instant(),
                recovery.startNow(Target.session(sessionId)), recovery.startNow(Target.user(caller.userId())));
        registry.add(session);
        return session;
    }

    public SubscribeOutcome subscribe(ClientSession session, String room) {
        return subscribe(session, room, null, null);
    }

    /**
     * Subscribes to a room; with {@code since}, first recovers every event of the room after that seq.
     *
     * @param announcement builds the frame that announces the recovery, when {@code since} is given
     */
    public SubscribeOutcome subscribe(ClientSession session, String room, Long since,
            RecoveryService.Announcement announcement) {
        if (!RoomId.isValid(room)) {
            return SubscribeOutcome.INVALID_ROOM;
        }
        if (!authorization.mayJoin(session.owner(), room)) {
            return SubscribeOutcome.FORBIDDEN;
        }
        if (since == null) {
            if (!registry.subscribe(session, room, recovery.startNow(Target.room(room)))) {
                return SubscribeOutcome.ALREADY_SUBSCRIBED;
            }
            atLeastOnce.subscribed(session, room);
            shared.changed(session);
            presence.subscribed(session, room);
            return SubscribeOutcome.SUBSCRIBED;
        }
        StreamCursor cursor = StreamCursor.recovering(since, settings.outboundQueueSize());
        if (registry.subscribe(session, room, cursor)) {
            atLeastOnce.subscribed(session, room);
        } else {
            cursor = session.roomCursor(room);
            cursor.hold(since, settings.outboundQueueSize());
        }
        shared.changed(session);
        presence.subscribed(session, room);
        recovery.recover(session, cursor, Target.room(room), since, announcement);
        return SubscribeOutcome.RECOVERING;
    }

    /**
     * Moves the connection to the session it resumes, and recovers every stream of that session after the
     * positions the client reports (or, for a stream it does not report, after the last event delivered to it). A
     * room delivered at least once recovers after the session's last acknowledged position when that is lower.
     * Rooms the caller's current token no longer grants are left.
     *
     * @throws SessionExpiredException when the session is gone, someone else's, or the token does not match
     */
    public void resume(Connection connection, Caller caller, String ref, String sessionId, String resumeToken,
            ResumePositions positions, RecoveryFrames frames) throws SessionExpiredException {
        ClientSession resumed = current(sessionId, caller).orElse(null);
        if (resumed == null || !MessageDigest.isEqual(resumed.resumeToken().getBytes(StandardCharsets.UTF_8),
                String.valueOf(resumeToken).getBytes(StandardCharsets.UTF_8))) {
            throw new SessionExpiredException("no resumable session " + sessionId + " for this caller");
        }
        ClientSession opened = connection.session();
        if (opened == resumed) {
            return;
        }
        int holdLimit = settings.outboundQueueSize();
        // Hold every stream before the connection is attached, so that no live event can slip ahead of its replay.
        Map<String, ResumePlan> roomPlans = new LinkedHashMap<>();
        List<String> forbidden = new ArrayList<>();
        for (String room : resumed.rooms()) {
            if (!authorization.mayJoin(caller, room)) {
                registry.unsubscribe(resumed, room);
                forbidden.add(room);
                continue;
            }
            StreamCursor cursor = resumed.roomCursor(room);
            ResumePlan plan = atLeastOnce.resumeFrom(resumed, room,
                    positions.rooms().getOrDefault(room, cursor.lastDelivered()));
            cursor.hold(plan.replayAfter(), holdLimit);
            roomPlans.put(room, plan);
        }
        StreamCursor sessionEvents = resumed.targetCursor(Target.Kind.SESSION);
        long sessionPosition = positions.sessionEvents() != null ? positions.sessionEvents() : sessionEvents.lastDelivered();
        sessionEvents.hold(sessionPosition, holdLimit);
        StreamCursor userEvents = resumed.targetCursor(Target.Kind.USER);
        long userPosition = positions.userEvents() != null ? positions.userEvents() : userEvents.lastDelivered();
        userEvents.hold(userPosition, holdLimit);

        Instant now = clock.instant();
        OutboundQueue queue = connection.queue();
        opened.detach(queue, now);
        registry.remove(opened.id());
        shared.removed(opened.id());
        queue.offer(frames.resumed(ref, resumed));
        forbidden.forEach(room -> queue.offer(frames.roomForbidden(room)));
        attach(resumed, queue, opened.client());
        connection.moveTo(resumed);
        shared.changed(resumed);
        presence.connected(resumed);

        roomPlans.forEach((room, plan) -> recovery.recover(resumed, resumed.roomCursor(room), Target.room(room),
                plan, (recovered, replayed) -> frames.roomRecovered(null, room, recovered, replayed)));
        recovery.recover(resumed, sessionEvents, Target.session(resumed.id()), sessionPosition,
                (recovered, replayed) -> frames.targetRecovered(Target.Kind.SESSION, recovered, replayed));
        recovery.recover(resumed, userEvents, Target.user(resumed.owner().userId()), userPosition,
                (recovered, replayed) -> frames.targetRecovered(Target.Kind.USER, recovered, replayed));
    }

    public boolean unsubscribe(ClientSession session, String room) {
        if (!registry.unsubscribe(session, room)) {
            return false;
        }
        shared.changed(session);
        presence.unsubscribed(session, room);
        return true;
    }

    /** The connection ended; the session stays for the grace period so the client can come back to it. */
    public void disconnected(Connection connection) {
        ClientSession session = connection.session();
        if (session.detach(connection.queue(), clock.instant())) {
            shared.changed(session);
            presence.disconnected(session, session.epoch());
        }
    }

    /** The session, if it exists on any replica and the caller may see it. */
    public Optional<SessionSummary> find(Caller caller, String sessionId) {
        Optional<SessionSnapshot> snapshot = shared.find(sessionId);
        ClientSession local = registry.find(sessionId);
        if (local != null && (snapshot.isEmpty() || snapshot.get().epoch() <= local.epoch())) {
            return caller.mayManageSessionOf(local.owner())
                    ? Optional.of(SessionSummary.of(local, expiresAt(local))) : Optional.empty();
        }
        return snapshot.filter(s -> caller.admin() || s.userId().equals(caller.userId()))
                .map(s -> SessionSummary.of(s, settings.sessionGrace()));
    }

    /**
     * Ends the session wherever it is: here its connection is closed with {@link CloseCode#SESSION_CLOSED} at
     * once; on another replica at that replica's next heartbeat.
     *
     * @return false if no such session exists for the caller
     */
    public boolean close(Caller caller, String sessionId) {
        if (find(caller, sessionId).isEmpty()) {
            return false;
        }
        ClientSession local = registry.remove(sessionId);
        long localEpoch = local == null ? 0 : local.epoch();
        shared.find(sessionId).ifPresent(snapshot -> shared.closed(snapshot, localEpoch));
        if (local != null) {
            presence.ended(local);
            local.disconnect(CloseCode.SESSION_CLOSED, clock.instant());
        }
        return true;
    }

    /** The client showed a sign of life (a pong). */
    public void seen(Connection connection) {
        connection.session().touch(clock.instant());
    }

    /** The client sent a frame of its own. */
    public void active(Connection connection) {
        connection.session().markActive(clock.instant());
    }

    /**
     * One heartbeat: closes connections that answered none of their last {@code missed-heartbeats} pings (the session
     * stays for the grace period, so the client can resume), pings the others, then shares each connected session's
     * state. Pings go out first: sharing is a call to the shared store per session, and with two replicas under load
     * 11,000 such calls one after another took long enough (39-88 s) that pings went out late.
     */
    public void heartbeat() {
        long start = System.nanoTime();
        List<ClientSession> connected = new ArrayList<>();
        for (ClientSession session : registry.sessions()) {
            OutboundQueue queue = session.connection();
            if (queue == null) {
                continue;
            }
            // A client whose pings still wait behind a blocked write (its writer lane's, or its own) is not silent:
            // the write timeout and the queue's bound deal with clients that do not read.
            if (session.missedHeartbeats(settings.missedHeartbeats()) && !queue.isBacklogged()) {
                LOG.fine(() -> "closing silent connection of session " + session.id());
                queue.close(CloseCode.HEARTBEAT_TIMEOUT);
            } else {
                if (queue.offerPing()) {
                    session.pinged();
                }
                connected.add(session);
            }
        }
        // Positions move with every delivery; sharing them once a heartbeat keeps other replicas close.
        Map<ClientSession, SharedSessionState.Sharing> notShared = shared.changedAll(connected);
        Instant now = clock.instant();
        notShared.forEach((session, sharing) -> dropLeftover(session,
                sharing == SharedSessionState.Sharing.CLOSED ? CloseCode.SESSION_CLOSED : CloseCode.SESSION_TAKEN_OVER,
                now));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(settings.heartbeatInterval()) > 0) {
            LOG.warning(() -> "CES0111W: a heartbeat of " + connected.size() + " connections took " + took.toMillis()
                    + " ms, longer than its interval of " + settings.heartbeatSeconds() + " s; the shared session "
                    + "store is slow or this replica is overloaded");
        }
    }

    /** Another replica took the session over, or it was closed there: drop this replica's copy and connection. */
    private void dropLeftover(ClientSession session, CloseCode code, Instant now) {
        registry.remove(session.id());
        if (code == CloseCode.SESSION_CLOSED) {
            presence.ended(session);
        } else {
            // the replica that took it over holds it with a newer epoch, which this leave does not touch
            presence.disconnected(session, session.epoch());
        }
        session.disconnect(code, now);
    }

    /**
     * Removes the sessions nobody reconnected to within the grace period, and those connected but idle (no frame
     * from the client) for longer than the session timeout; called by the eviction timer.
     *
     * @return how many sessions were removed
     */
    public int expireSessions() {
        Instant now = clock.instant();
        List<ClientSession> removed = registry.removeIf(session -> session.isExpired(now, settings.sessionGrace())
                || session.isIdleSince(now, settings.sessionTimeout()));
        for (ClientSession session : removed) {
            List<InboundRecord> pending = recovery.pendingFor(session);
            if (!pending.isEmpty()) {
                LogFields.none().session(session.id()).log(LOG, Level.INFO, "CES0106I: session " + session.id()
                        + " expired with " + pending.size()
                        + " undelivered events addressed to it; they go to the dead-letter topic");
            }
            for (InboundRecord event : pending) {
                deadLetters.deadLetter(new DeadLetter(event, RejectionReason.SESSION_EXPIRED,
                        "session " + session.id() + " expired before it received this event", 0, now, now,
                        session.id()));
            }
            metrics.sessionExpired(pending.size());
            presence.ended(session);
            boolean connected = session.isConnected();
            session.disconnect(CloseCode.SESSION_EXPIRED, now);
            if (connected) {
                // idle past the timeout; a session past its grace period is already dropped by the store itself,
                // and removing it here could remove a newer state another replica resumed meanwhile
                shared.removed(session.id());
            }
        }
        if (!removed.isEmpty()) {
            LOG.fine(() -> "expired " + removed.size() + " sessions");
        }
        return removed.size();
    }

    /** The server is stopping: every client is told to reconnect, and its session stays resumable. */
    public void disconnectAllForRestart() {
        Instant now = clock.instant();
        int told = 0;
        for (ClientSession session : registry.sessions()) {
            OutboundQueue queue = session.connection();
            if (queue != null) {
                told++;
                queue.close(CloseCode.SERVICE_RESTART);
                if (session.detach(queue, now)) {
                    shared.changed(session);
                    presence.disconnected(session, session.epoch());
                }
            }
        }
        LOG.info("CES0107I: stopping; told " + told + " connected clients to reconnect (1012)");
    }

    public Instant expiresAt(ClientSession session) {
        return session.expiresAt(settings.sessionGrace());
    }
}

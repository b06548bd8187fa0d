package io.ces.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.ces.domain.delivery.AckedPositions;
import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.event.Target;

/**
 * One client session: its owner, its room subscriptions and, while a client is connected, the outbound queue of
 * that connection. A session outlives its connections; it ends when it is closed or its grace period runs out.
 */
public final class ClientSession {

    private final String id;
    private final Caller owner;
    private final String resumeToken;
    private final Instant createdAt;
    private final Map<String, StreamCursor> rooms = new ConcurrentHashMap<>();
    private final StreamCursor sessionEvents;
    private final StreamCursor userEvents;
    private final AckedPositions acked = new AckedPositions();

    private volatile OutboundQueue connection;
    private volatile Instant connectedAt;
    private volatile Instant detachedAt;
    private volatile Instant lastSeenAt;
    private volatile Instant lastActiveAt;
    private volatile ClientInfo client = ClientInfo.UNKNOWN;
    private volatile long epoch;
    /** Pings sent since the client last showed a sign of life; a field, not an object, as there is one per session. */
    private volatile int unansweredPings;
    private static final AtomicIntegerFieldUpdater<ClientSession> UNANSWERED_PINGS =
            AtomicIntegerFieldUpdater.newUpdater(ClientSession.class, "unansweredPings");

    public ClientSession(String id, Caller owner, String resumeToken, Instant createdAt) {
        this(id, owner, resumeToken, createdAt, new StreamCursor(-1), new StreamCursor(-1));
    }

    /** A session whose own and user events start at the given cursors' positions. */
    public ClientSession(String id, Caller owner, String resumeToken, Instant createdAt, StreamCursor sessionEvents,
            StreamCursor userEvents) {
        this.sessionEvents = sessionEvents;
        this.userEvents = userEvents;
        this.id = id;
        this.owner = owner;
        this.resumeToken = resumeToken;
        this.createdAt = createdAt;
        this.detachedAt = createdAt;
        this.lastSeenAt = createdAt;
        this.lastActiveAt = createdAt;
    }

    /** The generation of the shared state this replica holds; see {@link SessionSnapshot#epoch()}. */
    public long epoch() {
        return epoch;
    }

    public void epoch(long value) {
        epoch = value;
    }

    /** Where the current or last connection came from. */
    public ClientInfo client() {
        return client;
    }

    /** When the client last showed it is alive: connected, sent a frame or answered a ping. */
    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public void touch(Instant now) {
        lastSeenAt = now;
        unansweredPings = 0;
    }

    /** The client sent a frame of its own: it is alive and in use. */
    public void markActive(Instant now) {
        lastSeenAt = now;
        unansweredPings = 0;
        lastActiveAt = now;
    }

    /** When the client last sent a frame of its own (pongs do not count), or connected. */
    public Instant lastActiveAt() {
        return lastActiveAt;
    }

    /** Whether the session has been connected without any frame from its client for longer than {@code timeout}. */
    public boolean isIdleSince(Instant now, Duration timeout) {
        return connection != null && lastActiveAt.plus(timeout).isBefore(now);
    }

    /** A ping went to the connected client. */
    public void pinged() {
        UNANSWERED_PINGS.incrementAndGet(this);
    }

    /**
     * Whether a connected client answered none of its last {@code heartbeats} pings, nor sent anything since. Counted
     * in pings, not seconds, so that a heartbeat that runs late (a busy replica, a slow shared store) does not make
     * a live client look silent.
     */
    public boolean missedHeartbeats(int heartbeats) {
        return connection != null && unansweredPings >= heartbeats;
    }

    /** The current connection's queue, or null when no client is connected. */
    public OutboundQueue connection() {
        return connection;
    }

    public String id() {
        return id;
    }

    public Caller owner() {
        return owner;
    }

    public String resumeToken() {
        return resumeToken;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Set<String> rooms() {
        return Collections.unmodifiableSet(rooms.keySet());
    }

    /** Adds the room with the given cursor; false when the session already was in it. */
    boolean addRoom(String room, StreamCursor cursor) {
        return rooms.putIfAbsent(room, cursor) == null;
    }

    boolean removeRoom(String room) {
        acked.forget(room);
        return rooms.remove(room) != null;
    }

    /** How far the session acknowledged the rooms it receives at least once. */
    public AckedPositions acked() {
        return acked;
    }

    /** Where the session stands in a room, or null when it is not subscribed. */
    public StreamCursor roomCursor(String room) {
        return rooms.get(room);
    }

    /** Where the session stands in the events addressed to it (SESSION) or to its user (USER). */
    public StreamCursor targetCursor(Target.Kind kind) {
        if (kind == Target.Kind.ROOM) {
            throw new IllegalArgumentException("rooms have one cursor each: roomCursor(room)");
        }
        return kind == Target.Kind.SESSION ? sessionEvents : userEvents;
    }

    /** Hands a room event to the connected client; false when not subscribed, not connected or not delivered. */
    public boolean deliverRoomEvent(String room, String topic, int partition, long seq, String frame) {
        return deliverRoomEvent(room, topic, partition, seq, frame, 0);
    }

    /** As above, timed from {@code recordTimestampMillis}, the time of the event's Kafka record, to the write. */
    public boolean deliverRoomEvent(String room, String topic, int partition, long seq, String frame,
            long recordTimestampMillis) {
        return deliverRoomEvent(room, topic, partition, seq, frame, recordTimestampMillis, null);
    }

    /** As above, for an event of a conflated room with its conflation key (null: not conflated). */
    public boolean deliverRoomEvent(String room, String topic, int partition, long seq, String frame,
            long recordTimestampMillis, String conflationKey) {
        StreamCursor cursor = rooms.get(room);
        return cursor != null
                && cursor.deliver(topic, partition, seq, frame, recordTimestampMillis, conflationKey, connection);
    }

    /** Hands an event addressed to this session or its user to the connected client. */
    public boolean deliverTargetedEvent(Target.Kind kind, String topic, int partition, long seq, String frame) {
        return deliverTargetedEvent(kind, topic, partition, seq, frame, 0);
    }

    /** As above, timed from {@code recordTimestampMillis}, the time of the event's Kafka record, to the write. */
    public boolean deliverTargetedEvent(Target.Kind kind, String topic, int partition, long seq, String frame,
            long recordTimestampMillis) {
        return targetCursor(kind).deliver(topic, partition, seq, frame, recordTimestampMillis, connection);
    }

    public boolean isConnected() {
        return connection != null;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** When the session ends if no client connects before: null while one is connected. */
    public Instant expiresAt(Duration grace) {
        Instant since = detachedAt;
        return connection != null || since == null ? null : since.plus(grace);
    }

    public boolean isExpired(Instant now, Duration grace) {
        Instant expiry = expiresAt(grace);
        return expiry != null && !now.isBefore(expiry);
    }

    /**
     * Makes {@code queue} the connection of this session. A connection already attached is taken over: it is closed
     * so that one session never has two writers.
     */
    public synchronized void attach(OutboundQueue queue, ClientInfo info, Instant now) {
        OutboundQueue previous = connection;
        connection = queue;
        client = info;
        connectedAt = now;
        lastSeenAt = now;
        lastActiveAt = now;
        unansweredPings = 0;
        detachedAt = null;
        if (previous != null && previous != queue) {
            previous.close(CloseCode.SESSION_TAKEN_OVER);
        }
    }

    /** Detaches {@code queue} if it is still this session's connection; a queue taken over is ignored. */
    public synchronized boolean detach(OutboundQueue queue, Instant now) {
        if (connection != queue) {
            return false;
        }
        connection = null;
        detachedAt = now;
        return true;
    }

    /** Closes the current connection, if any, with {@code code}. */
    public synchronized void disconnect(CloseCode code, Instant now) {
        OutboundQueue queue = connection;
        connection = null;
        detachedAt = now;
        if (queue != null) {
            queue.close(code);
        }
    }
}

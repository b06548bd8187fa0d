package io.ces.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.FrameSink;
import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.room.RoomId;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionIds;
import io.ces.domain.session.SessionRegistry;
import io.ces.infrastructure.config.GatewaySettings;

/**
 * The life of a client session: registration over REST, connections attaching to it, room subscriptions checked
 * against the caller's token, closing, and expiry of sessions no client has claimed within the grace period.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class.getName());

    /** The outcome of a subscribe request, each mapped to one answer frame. */
    public enum SubscribeOutcome {
        SUBSCRIBED, ALREADY_SUBSCRIBED, INVALID_ROOM, FORBIDDEN
    }

    @Inject
    SessionRegistry registry;

    @Inject
    GatewaySettings settings;

    private final Clock clock = Clock.systemUTC();

    /**
     * Registers a session for the caller, optionally already subscribed to rooms.
     *
     * @throws IllegalArgumentException when a room id is invalid
     * @throws RoomForbiddenException   when the caller may not join one of the rooms
     */
    public ClientSession register(Caller caller, List<String> rooms) {
        for (String room : rooms) {
            if (!RoomId.isValid(room)) {
                throw new IllegalArgumentException("invalid room id " + RoomId.describe(room));
            }
            if (!caller.mayJoin(room)) {
                throw new RoomForbiddenException(room);
            }
        }
        ClientSession session = new ClientSession(SessionIds.next(), caller, SessionIds.next(), clock.instant());
        registry.add(session);
        rooms.forEach(room -> registry.subscribe(session, room));
        return session;
    }

    /**
     * Attaches a new connection: to the caller's registered session {@code sessionId} when given, else to a new
     * session. The {@code greeting} frame is the first the connection receives.
     *
     * @return the session and the queue of the new connection, or empty when {@code sessionId} names no session of
     *         this caller
     */
    public Optional<Connection> connect(Caller caller, String sessionId, FrameSink sink,
            Function<ClientSession, String> greeting) {
        ClientSession session;
        if (sessionId == null || sessionId.isEmpty()) {
            session = new ClientSession(SessionIds.next(), caller, SessionIds.next(), clock.instant());
            registry.add(session);
        } else {
            session = registry.find(sessionId);
            if (session == null || !session.owner().userId().equals(caller.userId())) {
                return Optional.empty();
            }
        }
        OutboundQueue queue = new OutboundQueue(sink, settings.outboundQueueSize());
        // The greeting is queued before the queue is attached, so it is the first frame the client reads.
        queue.offer(greeting.apply(session));
        session.attach(queue, clock.instant());
        return Optional.of(new Connection(session, queue));
    }

    public SubscribeOutcome subscribe(ClientSession session, String room) {
        if (!RoomId.isValid(room)) {
            return SubscribeOutcome.INVALID_ROOM;
        }
        if (!session.owner().mayJoin(room)) {
            return SubscribeOutcome.FORBIDDEN;
        }
        return registry.subscribe(session, room) ? SubscribeOutcome.SUBSCRIBED : SubscribeOutcome.ALREADY_SUBSCRIBED;
    }

    public boolean unsubscribe(ClientSession session, String room) {
        return registry.unsubscribe(session, room);
    }

    /** The connection ended; the session stays for the grace period so the client can come back to it. */
    public void disconnected(Connection connection) {
        connection.session().detach(connection.queue(), clock.instant());
    }

    /** The session, if it exists and the caller may see it. */
    public Optional<ClientSession> find(Caller caller, String sessionId) {
        ClientSession session = registry.find(sessionId);
        return session != null && caller.mayManageSessionOf(session.owner()) ? Optional.of(session) : Optional.empty();
    }

    /** Ends the session and closes its connection with {@link CloseCode#SESSION_CLOSED}; false if not found. */
    public boolean close(Caller caller, String sessionId) {
        Optional<ClientSession> session = find(caller, sessionId);
        if (session.isEmpty() || registry.remove(sessionId) == null) {
            return false;
        }
        session.get().disconnect(CloseCode.SESSION_CLOSED, clock.instant());
        return true;
    }

    /** Removes the sessions whose grace period has run out; called by the eviction timer. */
    public int expireSessions() {
        int expired = registry.removeExpired(clock.instant(), settings.sessionGrace()).size();
        if (expired > 0) {
            LOG.fine(() -> "expired " + expired + " sessions");
        }
        return expired;
    }

    public Instant expiresAt(ClientSession session) {
        return session.expiresAt(settings.sessionGrace());
    }

    /** One connection of a session: the session and the outbound queue the connection drains. */
    public record Connection(ClientSession session, OutboundQueue queue) {
    }
}

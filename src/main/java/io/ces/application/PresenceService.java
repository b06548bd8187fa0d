package io.ces.application;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.presence.PresenceEvents;
import io.ces.domain.presence.PresenceFrames;
import io.ces.domain.presence.PresenceSignal;
import io.ces.domain.presence.PresenceStore;
import io.ces.domain.presence.PresenceView;
import io.ces.domain.presence.RoomPresence;
import io.ces.domain.ratelimit.LimitedAction;
import io.ces.domain.ratelimit.RateLimitDecision;
import io.ces.domain.ratelimit.RateLimiter;
import io.ces.domain.room.RoomId;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;
import io.ces.infrastructure.config.PresenceSettings;

/**
 * Who is in which room, across replicas. A connected session is in the rooms it subscribes to; a user is a member
 * of a room while one of their sessions is in it, so joins and leaves are announced (on the presence topic) only
 * for a user's first session and last one. Every replica reads that topic and hands the changes to the sessions
 * that follow the room's presence, and typing signals to the room's other subscribers. Typing is relayed, never
 * stored.
 *
 * <p>Presence is a hint: when the shared cache or the broker fails, the session's own work goes on and the failure
 * is logged; the next heartbeat's renewal puts the members right again.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;
    /** A session that ends for good leaves whatever connection of it the store holds. */
    private static final long ANY_EPOCH = Long.MAX_VALUE;

    /** The answer to a typing frame. */
    public record TypingOutcome(Kind kind, long retryAfterSeconds) {

        public enum Kind { SENT, INVALID_ROOM, NOT_SUBSCRIBED, RATE_LIMITED }

        static final TypingOutcome SENT = new TypingOutcome(Kind.SENT, 0);
    }

    @Inject
    PresenceStore store;

    @Inject
    PresenceEvents events;

    @Inject
    SessionRegistry registry;

    @Inject
    RoomAuthorization authorization;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    PresenceSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final PresenceFrames frames = new PresenceFrames(JsonProvider.provider());
    /** Per room, the sessions on this replica that follow its presence. */
    private final ConcurrentMap<String, Set<String>> followers = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    /** A connection attached to the session: it is now in every room it subscribes to. */
    public void connected(ClientSession session) {
        for (String room : session.rooms()) {
            join(session, room);
        }
    }

    /** The session subscribed to a room; it is in the room if it is connected. */
    public void subscribed(ClientSession session, String room) {
        if (session.isConnected()) {
            join(session, room);
        }
    }

    public void unsubscribed(ClientSession session, String room) {
        leave(session, room, session.epoch());
    }

    /**
     * The session's connection closed: it leaves its rooms, unless a newer connection of it (on another replica)
     * holds them by now.
     */
    public void disconnected(ClientSession session, long epoch) {
        for (String room : session.rooms()) {
            leave(session, room, epoch);
        }
    }

    /** The session ended (closed, expired): it leaves its rooms and follows nothing any more. */
    public void ended(ClientSession session) {
        for (String room : session.rooms()) {
            leave(session, room, ANY_EPOCH);
        }
        followers.values().forEach(sessions -> sessions.remove(session.id()));
    }

    private void join(ClientSession session, String room) {
        Instant now = clock.instant();
        attempt("join", () -> store.join(room, session.owner().userId(), session.id(), session.epoch(), now,
                settings.lease()));
    }

    private void leave(ClientSession session, String room, long epoch) {
        Instant now = clock.instant();
        attempt("leave", () -> store.leave(room, session.owner().userId(), session.id(), epoch, now));
    }

    /** Runs a change of the shared presence and announces what it changed; a failure is logged, not thrown. */
    private void attempt(String what, Supplier<List<PresenceSignal>> change) {
        try {
            change.get().forEach(events::publish);
        } catch (RuntimeException e) {
            warn("a presence " + what + " failed", e);
        }
    }

    /**
     * Renews the leases of every connected session of this replica in its rooms; called every heartbeat, so that a
     * replica that stops renewing (it crashed) loses its members when their leases run out.
     */
    public void renew() {
        Map<String, Map<String, PresenceStore.Member>> byRoom = new HashMap<>();
        for (ClientSession session : registry.sessions()) {
            if (!session.isConnected()) {
                continue;
            }
            PresenceStore.Member member = new PresenceStore.Member(session.owner().userId(), session.epoch());
            for (String room : session.rooms()) {
                byRoom.computeIfAbsent(room, r -> new HashMap<>()).put(session.id(), member);
            }
        }
        Instant now = clock.instant();
        byRoom.forEach((room, sessions) -> attempt("renewal",
                () -> store.renew(room, sessions, now, settings.lease())));
    }

    /**
     * Prunes the members whose leases ran out (their replica is gone) and forgets followers whose session ended;
     * called by the eviction timer.
     */
    public void sweep() {
        attempt("sweep", () -> store.pruneExpired(clock.instant()));
        followers.values().forEach(sessions -> sessions.removeIf(id -> registry.find(id) == null));
        followers.values().removeIf(Set::isEmpty);
    }

    /**
     * The presence of a room for a caller who may see it.
     *
     * @throws IllegalArgumentException when the room id is invalid
     * @throws RoomForbiddenException   when the caller may not see the room
     */
    public PresenceView view(Caller caller, String room) {
        if (!RoomId.isValid(room)) {
            throw new IllegalArgumentException("invalid room id " + RoomId.describe(room));
        }
        if (!authorization.mayJoin(caller, room)) {
            throw new RoomForbiddenException(room);
        }
        RoomPresence presence = store.find(room).orElse(null);
        return PresenceView.of(room, presence, settings.maxListedMembers());
    }

    /**
     * The session follows the room's presence from now on: it receives a frame at every join and leave.
     *
     * @return the room's presence now
     * @throws IllegalArgumentException when the room id is invalid
     * @throws RoomForbiddenException   when the session's owner may not see the room
     */
    public PresenceView follow(ClientSession session, String room) {
        PresenceView view = view(session.owner(), room);
        followers.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session.id());
        return view;
    }

    /** The snapshot frame answering a follow request. */
    public String snapshotFrame(String ref, PresenceView view) {
        return frames.snapshot(ref, view);
    }

    /** The session's user is typing in a room it subscribes to: relayed to the room's other members. */
    public TypingOutcome typing(ClientSession session, String room) {
        if (!RoomId.isValid(room)) {
            return new TypingOutcome(TypingOutcome.Kind.INVALID_ROOM, 0);
        }
        if (!session.rooms().contains(room)) {
            return new TypingOutcome(TypingOutcome.Kind.NOT_SUBSCRIBED, 0);
        }
        Optional<RateLimitDecision> decision = rateLimiter.tryConsume(LimitedAction.TYPING, session.id());
        if (decision.isPresent() && !decision.get().allowed()) {
            return new TypingOutcome(TypingOutcome.Kind.RATE_LIMITED, decision.get().retryAfterSeconds());
        }
        events.publish(new PresenceSignal(PresenceSignal.Kind.TYPING, room, session.owner().userId(), session.id(),
                clock.instant()));
        return TypingOutcome.SENT;
    }

    /** A signal read from the presence topic (from any replica): handed to this replica's clients it concerns. */
    public void received(PresenceSignal signal) {
        if (signal.kind() == PresenceSignal.Kind.TYPING) {
            String frame = null;
            for (ClientSession member : registry.subscribersOf(signal.room())) {
                OutboundQueue queue = member.connection();
                if (queue != null && !member.id().equals(signal.session())) {
                    if (frame == null) {
                        frame = frames.typing(signal);
                    }
                    queue.offer(frame);
                }
            }
            return;
        }
        Set<String> following = followers.get(signal.room());
        if (following == null || following.isEmpty()) {
            return;
        }
        String frame = frames.change(signal);
        for (String sessionId : following) {
            ClientSession follower = registry.find(sessionId);
            OutboundQueue queue = follower == null ? null : follower.connection();
            if (queue != null) {
                queue.offer(frame);
            }
        }
    }

    /** At most one warning a minute: an unreachable cache would otherwise log once per join and leave. */
    private void warn(String message, RuntimeException failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "CES0805W: " + message + "; presence may be wrong until the next renewal", failure);
        }
    }
}

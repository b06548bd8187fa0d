package io.ces.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;
import io.ces.domain.session.SessionSnapshot;
import io.ces.domain.session.SessionStore;
import io.ces.domain.session.SessionStore.Update;
import io.ces.infrastructure.config.GatewaySettings;

/**
 * Keeps the shared state of this replica's sessions current in the {@link SessionStore}, and rebuilds a session
 * another replica held from it. A store that cannot be reached costs resumability elsewhere, never a connection
 * here: failures are logged and the session goes on locally.
 */
@ApplicationScoped
public class SharedSessionState {

    private static final Logger LOG = Logger.getLogger(SharedSessionState.class.getName());

    @Inject
    SessionStore store;

    @Inject
    SessionRegistry registry;

    @Inject
    GatewaySettings settings;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replica;

    public void created(ClientSession session) {
        try {
            store.create(snapshotOf(session), lease(session));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CES0402W: session state not shared (store unavailable)", e);
        }
    }

    /** What became of a write of a session's state. */
    public enum Sharing {
        SHARED,
        /** Another replica resumed the session since: this replica holds a leftover. */
        TAKEN_OVER,
        /** The session was closed through the REST API, possibly on another replica. */
        CLOSED
    }

    /** Writes the session's current state, again in full if the store lost it. */
    public Sharing changed(ClientSession session) {
        Update update;
        try {
            update = store.update(snapshotOf(session), lease(session));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CES0402W: session state not shared (store unavailable)", e);
            return Sharing.SHARED;
        }
        return sharingAfter(session, update);
    }

    /** Writes of session state a heartbeat keeps under way at once: enough to hide the store's round trips. */
    private static final int WRITES_IN_FLIGHT = 64;

    /**
     * Writes the current state of every session in {@code sessions}, many at a time, and answers those another
     * replica took over or that were closed; the others are shared. For the heartbeat: one write after another took
     * 39 s for 11,000 sessions on two loaded replicas, longer than the heartbeat itself.
     */
    public Map<ClientSession, Sharing> changedAll(List<ClientSession> sessions) {
        Semaphore inFlight = new Semaphore(WRITES_IN_FLIGHT);
        Map<ClientSession, Update> refused = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> writes = new ArrayList<>(sessions.size());
        for (ClientSession session : sessions) {
            inFlight.acquireUninterruptibly();
            CompletionStage<Update> write;
            try {
                write = store.updateAsync(snapshotOf(session), lease(session));
            } catch (RuntimeException e) {
                write = CompletableFuture.failedFuture(e);
            }
            writes.add(write.toCompletableFuture().handle((update, error) -> {
                inFlight.release();
                if (error != null) {
                    failed.incrementAndGet();
                    failure.set(error);
                } else if (update != Update.WRITTEN) {
                    refused.put(session, update);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        if (failed.get() > 0) {
            LOG.log(Level.WARNING, "CES0402W: the state of " + failed.get() + " sessions not shared (store unavailable)",
                    failure.get());
        }
        Map<ClientSession, Sharing> notShared = new HashMap<>();
        refused.forEach((session, update) -> {
            Sharing sharing = sharingAfter(session, update);
            if (sharing != Sharing.SHARED) {
                notShared.put(session, sharing);
            }
        });
        return notShared;
    }

    /** What a write's outcome means: shared, or the store lost the session (written again in full), or another replica won. */
    private Sharing sharingAfter(ClientSession session, Update update) {
        try {
            return switch (update) {
                case WRITTEN -> Sharing.SHARED;
                case NEWER_ELSEWHERE -> store.find(session.id()).filter(SessionSnapshot::closed).isPresent()
                        ? Sharing.CLOSED : Sharing.TAKEN_OVER;
                case ABSENT -> {
                    store.create(snapshotOf(session), lease(session));
                    yield Sharing.SHARED;
                }
            };
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CES0402W: session state not shared (store unavailable)", e);
            return Sharing.SHARED;
        }
    }

    /**
     * Marks the session closed for every replica; the replica holding its connection closes it with 4000 at
     * its next heartbeat.
     */
    public void closed(SessionSnapshot snapshot, long localEpoch) {
        try {
            store.update(snapshot.closedAfter(localEpoch), settings.sessionGrace());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CES0402W: session close not shared (store unavailable)", e);
        }
    }

    /** The session's current state, as this replica writes it to the store. */
    private SessionSnapshot snapshotOf(ClientSession session) {
        return SessionSnapshot.of(session, replica, session.epoch());
    }

    /**
     * How long the store keeps the state without another write. A disconnected session: the grace period. A
     * connected one is written every heartbeat, so its lease outlasts a few missed heartbeats plus the grace
     * period: should its replica crash, the session stays resumable for the grace period, then goes.
     */
    private Duration lease(ClientSession session) {
        Duration grace = settings.sessionGrace();
        return session.isConnected() ? grace.plus(settings.allowedSilence()).plus(settings.heartbeatInterval()) : grace;
    }

    public void removed(String sessionId) {
        try {
            store.remove(sessionId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CES0402W: session state not removed (store unavailable)", e);
        }
    }

    /** The shared state of a session that is not closed. */
    public Optional<SessionSnapshot> find(String sessionId) {
        try {
            return store.find(sessionId).filter(snapshot -> !snapshot.closed());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CES0402W: session state not readable (store unavailable)", e);
            return Optional.empty();
        }
    }

    /**
     * Rebuilds a session from its shared state on this replica, with its rooms and positions, owned by
     * {@code caller} (whose token grants decide from now on). Replaces a stale local copy.
     */
    public ClientSession restore(SessionSnapshot snapshot, Caller caller) {
        ClientSession stale = registry.remove(snapshot.id());
        if (stale != null && stale.connection() != null) {
            stale.connection().close(io.ces.domain.delivery.CloseCode.SESSION_TAKEN_OVER);
        }
        ClientSession restored = new ClientSession(snapshot.id(), caller, snapshot.resumeToken(),
                snapshot.createdAt(), StreamCursor.at(snapshot.sessionEvents()), StreamCursor.at(snapshot.userEvents()));
        restored.epoch(snapshot.epoch());
        registry.add(restored);
        snapshot.rooms().forEach((room, position) -> registry.subscribe(restored, room, StreamCursor.at(position)));
        restored.acked().restore(snapshot.acked());
        return restored;
    }

    public String replica() {
        return replica;
    }
}

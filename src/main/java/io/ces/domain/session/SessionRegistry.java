package io.ces.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.delivery.StreamCursor;

/**
 * The sessions of this replica, indexed three ways for routing: by session id, by user and by subscribed room.
 * Lookups on the per-message path are single hash-map reads; iteration is weakly consistent, so an event routed
 * while a client subscribes either reaches it or does not, and nothing blocks.
 */
public final class SessionRegistry {

    private final ConcurrentMap<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<ClientSession>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<ClientSession>> byRoom = new ConcurrentHashMap<>();

    public void add(ClientSession session) {
        if (sessions.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("duplicate session id");
        }
        index(byUser, session.owner().userId(), session);
    }

    public ClientSession find(String sessionId) {
        return sessionId == null ? null : sessions.get(sessionId);
    }

    /** Removes the session and all its subscriptions; returns it, or null when it was already gone. */
    public ClientSession remove(String sessionId) {
        ClientSession session = sessions.remove(sessionId);
        if (session != null) {
            unindex(byUser, session.owner().userId(), session);
            for (String room : session.rooms()) {
                unindex(byRoom, room, session);
            }
        }
        return session;
    }

    /** Subscribes the session to the room from now on; false when it already was. */
    public boolean subscribe(ClientSession session, String room) {
        return subscribe(session, room, new StreamCursor(-1));
    }

    /** Subscribes the session to the room with the given cursor (a recovering one, say); false when it already was. */
    public boolean subscribe(ClientSession session, String room, StreamCursor cursor) {
        if (!session.addRoom(room, cursor)) {
            return false;
        }
        index(byRoom, room, session);
        if (sessions.get(session.id()) != session) {
            // removed concurrently: remove() may have walked the rooms before this one was added
            unindex(byRoom, room, session);
            return false;
        }
        return true;
    }

    /** Unsubscribes the session from the room; false when it was not subscribed. */
    public boolean unsubscribe(ClientSession session, String room) {
        if (!session.removeRoom(room)) {
            return false;
        }
        unindex(byRoom, room, session);
        return true;
    }

    public Collection<ClientSession> subscribersOf(String room) {
        Set<ClientSession> subscribers = byRoom.get(room);
        return subscribers == null ? Set.of() : subscribers;
    }

    public Collection<ClientSession> sessionsOf(String userId) {
        Set<ClientSession> owned = byUser.get(userId);
        return owned == null ? Set.of() : owned;
    }

    /** Removes every session whose grace period has run out and returns them. */
    public List<ClientSession> removeExpired(Instant now, Duration grace) {
        return removeIf(session -> session.isExpired(now, grace));
    }

    /** Removes every session that matches and returns them. */
    public List<ClientSession> removeIf(Predicate<ClientSession> condition) {
        List<ClientSession> removed = new ArrayList<>();
        for (ClientSession session : sessions.values()) {
            if (condition.test(session) && remove(session.id()) != null) {
                removed.add(session);
            }
        }
        return removed;
    }

    /** Every session of this replica, weakly consistent. */
    public Collection<ClientSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int sessionCount() {
        return sessions.size();
    }

    public int roomCount() {
        return byRoom.size();
    }

    /** Room subscriptions of all sessions: one per session and room. */
    public int subscriptionCount() {
        int subscriptions = 0;
        for (Set<ClientSession> subscribers : byRoom.values()) {
            subscriptions += subscribers.size();
        }
        return subscriptions;
    }

    /** Frames waiting in the outbound queues of all connected sessions. */
    public long queuedFrames() {
        long queued = 0;
        for (ClientSession session : sessions.values()) {
            OutboundQueue queue = session.connection();
            if (queue != null) {
                queued += queue.size();
            }
        }
        return queued;
    }

    public int connectedCount() {
        int connected = 0;
        for (ClientSession session : sessions.values()) {
            if (session.isConnected()) {
                connected++;
            }
        }
        return connected;
    }

    private static void index(ConcurrentMap<String, Set<ClientSession>> index, String key, ClientSession session) {
        index.compute(key, (k, set) -> {
            Set<ClientSession> members = set != null ? set : ConcurrentHashMap.newKeySet();
            members.add(session);
            return members;
        });
    }

    private static void unindex(ConcurrentMap<String, Set<ClientSession>> index, String key, ClientSession session) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }
}

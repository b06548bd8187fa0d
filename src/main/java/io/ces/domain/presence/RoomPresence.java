package io.ces.domain.presence;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The members of one room, shared by all replicas: per user, the sessions that are in the room now, each with the
 * epoch of the connection that put it there and a lease. A user is a member while they have at least one session in
 * the room, so only their first session's join and their last session's leave change the membership.
 *
 * <p>The epoch keeps a replica that lost a session to another (a resume elsewhere) from removing it when its old
 * connection closes late. The lease lets the members of a replica that crashed be removed: the replicas that are up
 * renew the leases of their sessions every heartbeat, and a lease that ran out is pruned.
 */
public final class RoomPresence implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One session's place in the room. */
    record Lease(long epoch, long expiresAtMillis) implements Serializable {
    }

    private final String room;
    private final HashMap<String, HashMap<String, Lease>> sessionsByUser = new HashMap<>();

    public RoomPresence(String room) {
        this.room = room;
    }

    public String room() {
        return room;
    }

    /**
     * Puts the session in the room, or renews its lease.
     *
     * @return the JOINED signal when this is the user's first session in the room, else nothing
     */
    public List<PresenceSignal> join(String user, String session, long epoch, Instant now, java.time.Duration lease) {
        HashMap<String, Lease> sessions = sessionsByUser.computeIfAbsent(user, u -> new HashMap<>());
        boolean first = sessions.isEmpty();
        Lease current = sessions.get(session);
        if (current == null || current.epoch() <= epoch) {
            sessions.put(session, new Lease(epoch, now.plus(lease).toEpochMilli()));
        }
        return first ? List.of(new PresenceSignal(PresenceSignal.Kind.JOINED, room, user, session, now)) : List.of();
    }

    /**
     * Takes the session out of the room, unless a newer connection of it (a higher epoch) joined since.
     *
     * @return the LEFT signal when this was the user's last session in the room, else nothing
     */
    public List<PresenceSignal> leave(String user, String session, long epoch, Instant now) {
        Map<String, Lease> sessions = sessionsByUser.get(user);
        if (sessions == null) {
            return List.of();
        }
        Lease current = sessions.get(session);
        if (current == null || current.epoch() > epoch) {
            return List.of();
        }
        sessions.remove(session);
        if (!sessions.isEmpty()) {
            return List.of();
        }
        sessionsByUser.remove(user);
        return List.of(new PresenceSignal(PresenceSignal.Kind.LEFT, room, user, session, now));
    }

    /** Removes the sessions whose lease ran out (their replica stopped renewing them), announcing users who left. */
    public List<PresenceSignal> prune(Instant now) {
        List<PresenceSignal> left = new ArrayList<>();
        long nowMillis = now.toEpochMilli();
        sessionsByUser.entrySet().removeIf(user -> {
            String lastSession = null;
            for (var session : user.getValue().entrySet()) {
                lastSession = session.getKey();
            }
            user.getValue().values().removeIf(lease -> lease.expiresAtMillis() <= nowMillis);
            if (user.getValue().isEmpty()) {
                left.add(new PresenceSignal(PresenceSignal.Kind.LEFT, room, user.getKey(), lastSession, now));
                return true;
            }
            return false;
        });
        return left;
    }

    /** Whether some session's lease ran out, so that {@link #prune} would change something. */
    public boolean hasExpired(Instant now) {
        long nowMillis = now.toEpochMilli();
        return sessionsByUser.values().stream().flatMap(s -> s.values().stream())
                .anyMatch(lease -> lease.expiresAtMillis() <= nowMillis);
    }

    public boolean isEmpty() {
        return sessionsByUser.isEmpty();
    }

    /** How many users are in the room (not sessions). */
    public int memberCount() {
        return sessionsByUser.size();
    }

    /** The users in the room, sorted. */
    public List<String> members() {
        return List.copyOf(new TreeSet<>(sessionsByUser.keySet()));
    }

    /** How many sessions the user has in the room. */
    public int sessionCount(String user) {
        Map<String, Lease> sessions = sessionsByUser.get(user);
        return sessions == null ? 0 : sessions.size();
    }
}

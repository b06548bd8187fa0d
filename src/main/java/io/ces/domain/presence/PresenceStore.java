package io.ces.domain.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of every room, shared by all replicas. Each change is atomic per room, so that of two replicas
 * adding a user's sessions at once exactly one sees the user's first join.
 */
public interface PresenceStore {

    /** The session joined (or rejoined with a newer connection); the JOINED signal if it is the user's first. */
    List<PresenceSignal> join(String room, String user, String session, long epoch, Instant now, Duration lease);

    /** The session left; the LEFT signal if it was the user's last in the room. */
    List<PresenceSignal> leave(String room, String user, String session, long epoch, Instant now);

    /**
     * Renews the leases of sessions that are still in the room: {@code sessions} maps each session to its user and
     * epoch. Leases that ran out meanwhile are pruned; the answer announces those users who left.
     */
    List<PresenceSignal> renew(String room, Map<String, Member> sessions, Instant now, Duration lease);

    /** Prunes the sessions whose lease ran out in every room; the LEFT signals of users with no session left. */
    List<PresenceSignal> pruneExpired(Instant now);

    Optional<RoomPresence> find(String room);

    /** A session to renew: its user and the epoch of its connection. */
    record Member(String user, long epoch) implements java.io.Serializable {
    }
}

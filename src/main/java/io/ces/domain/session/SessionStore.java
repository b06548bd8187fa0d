package io.ces.domain.session;

import java.time.Duration;
import java.util.Optional;

/**
 * Session state shared by all replicas (JCache over Hazelcast in CES). A replica writes the state of its sessions
 * at every change of connection or subscription; another replica reads it to resume a session there.
 *
 * <p>Writes are conditional on the snapshot's epoch: a replica that lost a session to another one (a resume
 * there raised the epoch) cannot overwrite the newer state.
 */
public interface SessionStore {

    /** Stores a new session; it lives until removed or, without a connection, until {@code grace} passed. */
    void create(SessionSnapshot snapshot, Duration grace);

    /**
     * Replaces the state unless the store holds a newer epoch or no longer holds the session. A snapshot without
     * a connection is dropped by the store after {@code grace} unless written again.
     *
     * @return whether it was written, or refused because the store holds a newer epoch or no such session
     */
    Update update(SessionSnapshot snapshot, Duration grace);

    /** The outcome of {@link #update}. */
    enum Update {
        WRITTEN,
        /** Another replica resumed the session since: this replica's copy is a leftover. */
        NEWER_ELSEWHERE,
        /** The store does not hold the session (it expired, was removed, or the store lost it). */
        ABSENT
    }

    Optional<SessionSnapshot> find(String sessionId);

    void remove(String sessionId);
}

package io.ces.domain.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Session state shared by all replicas (JCache over Hazelcast in CES). A replica writes the state of its sessions
 * at every change of connection or subscription; another replica reads it to resume a session there.
 *
 * <p>Writes are conditional on the snapshot's epoch: a replica that lost a session to another one (a resume
 * there raised the epoch) cannot overwrite the newer state.
 */
public interface SessionStore {

    /** Stores a new session; the store drops it after {@code lease} unless it is written again. */
    void create(SessionSnapshot snapshot, Duration lease);

    /**
     * Replaces the state unless the store holds a newer epoch or no longer holds the session; the store drops it
     * after {@code lease} unless it is written again.
     *
     * @return whether it was written, or refused because the store holds a newer epoch or no such session
     */
    Update update(SessionSnapshot snapshot, Duration lease);

    /**
     * {@link #update} without waiting for the store, so that a replica can write many sessions' state at once; the
     * stage fails if the store cannot be reached.
     */
    CompletionStage<Update> updateAsync(SessionSnapshot snapshot, Duration lease);

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

package io.ces.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionSnapshot;

/** A session as the REST API shows it, read from this replica's copy or from the shared state. */
public record SessionSummary(String id, String userId, boolean connected, List<String> rooms, Instant createdAt,
        Instant connectedAt, Instant expiresAt) {

    static SessionSummary of(ClientSession session, Instant expiresAt) {
        return new SessionSummary(session.id(), session.owner().userId(), session.isConnected(),
                session.rooms().stream().sorted().toList(), session.createdAt(), session.connectedAt(), expiresAt);
    }

    static SessionSummary of(SessionSnapshot snapshot, Duration grace) {
        Instant expiresAt = snapshot.connected() || snapshot.disconnectedAt() == null ? null
                : snapshot.disconnectedAt().plus(grace);
        return new SessionSummary(snapshot.id(), snapshot.userId(), snapshot.connected(),
                snapshot.rooms().keySet().stream().sorted().toList(), snapshot.createdAt(), snapshot.connectedAt(),
                expiresAt);
    }
}

package io.ces.domain.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.ces.domain.delivery.CursorPosition;
import io.ces.domain.event.Target;

/**
 * The shared state of a session, as every replica can read it: who owns it, its rooms with the position in each,
 * its positions in its own and its user's events, and where and when its client was last connected.
 *
 * @param replica the replica its current or last connection is on
 * @param epoch   increases with every connection that attaches, so a replica that lost the session to another
 *                cannot overwrite the newer state
 * @param closed  the session was closed (DELETE): a tombstone, kept for the grace period so that the replica
 *                holding the connection learns it at its next heartbeat
 * @param acked   the acknowledged position of each room the session receives at least once (see
 *                {@link io.ces.domain.delivery.AckedPositions}); kept here so that it expires with the session
 */
public record SessionSnapshot(String id, String userId, String resumeToken, Instant createdAt,
        Map<String, CursorPosition> rooms, CursorPosition sessionEvents, CursorPosition userEvents,
        boolean connected, String replica, long epoch, Instant connectedAt, Instant lastSeenAt,
        Instant disconnectedAt, String clientAddress, String userAgent, boolean closed,
        Map<String, CursorPosition> acked) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SessionSnapshot {
        // Sorted, so that the serialized form is the same on every replica: the store compares it byte by byte.
        rooms = Collections.unmodifiableSortedMap(new TreeMap<>(rooms));
        acked = Collections.unmodifiableSortedMap(new TreeMap<>(acked == null ? Map.of() : acked));
    }

    /** The state of a local session now, with its connection's replica and epoch. */
    public static SessionSnapshot of(ClientSession session, String replica, long epoch) {
        Map<String, CursorPosition> rooms = new LinkedHashMap<>();
        for (String room : session.rooms()) {
            var cursor = session.roomCursor(room);
            if (cursor != null) {
                rooms.put(room, cursor.position());
            }
        }
        return new SessionSnapshot(session.id(), session.owner().userId(), session.resumeToken(),
                session.createdAt(), rooms, session.targetCursor(Target.Kind.SESSION).position(),
                session.targetCursor(Target.Kind.USER).position(), session.isConnected(), replica, epoch,
                session.connectedAt(), session.lastSeenAt(), session.isConnected() ? null : Instant.now(),
                session.client().address(), session.client().userAgent(), false, session.acked().asMap());
    }

    /** This session closed, with an epoch above every replica's, so that none can write it back. */
    public SessionSnapshot closedAfter(long newerThanEpoch) {
        return new SessionSnapshot(id, userId, resumeToken, createdAt, rooms, sessionEvents, userEvents, false,
                replica, Math.max(epoch, newerThanEpoch) + 1, connectedAt, lastSeenAt, Instant.now(), clientAddress,
                userAgent, true, acked);
    }
}

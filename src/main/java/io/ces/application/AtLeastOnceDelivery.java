package io.ces.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.domain.delivery.AtLeastOnceRooms;
import io.ces.domain.delivery.ResumePlan;
import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.session.ClientSession;

/**
 * The at-least-once mode of the rooms {@code ces.delivery.at-least-once.rooms} names: keeps each session's
 * acknowledged position in such a room in its shared state, and makes a resume replay from there, so that what was
 * delivered but not acknowledged is delivered again (marked as redelivered). Other rooms are left as they are.
 *
 * <p>The position lives in the session's shared state (the JCache entry every replica reads on resume, expiring with
 * the session), so an ack costs one cache write and no Kafka write beyond its receipt.
 */
@ApplicationScoped
public class AtLeastOnceDelivery {

    @Inject
    AtLeastOnceRooms rooms;

    @Inject
    SharedSessionState shared;

    public boolean covers(String room) {
        return rooms.covers(room);
    }

    /**
     * The session subscribed to the room: in an at-least-once room nothing is acknowledged yet, so a resume before
     * the first ack replays from where the subscription started. Call before the subscription is shared.
     */
    public void subscribed(ClientSession session, String room) {
        StreamCursor cursor = session.roomCursor(room);
        if (cursor != null && covers(room)) {
            session.acked().start(room, cursor.position());
        }
    }

    /** The session acknowledged {@code seq} of the room (an ack that passed the delivery check). */
    public void acknowledged(ClientSession session, String room, long seq) {
        StreamCursor cursor = session.roomCursor(room);
        if (cursor == null || !covers(room)) {
            return;
        }
        if (session.acked().acknowledge(room, cursor.position(), seq)) {
            // written now rather than at the next heartbeat, so that a resume elsewhere right after the ack honours it
            shared.changed(session);
        }
    }

    /** Where the resume of a room starts, given the position the client reports. */
    public ResumePlan resumeFrom(ClientSession session, String room, long clientPosition) {
        StreamCursor cursor = session.roomCursor(room);
        if (cursor == null || !covers(room)) {
            return ResumePlan.atMostOnce(clientPosition);
        }
        return ResumePlan.atLeastOnce(clientPosition, cursor.position(), session.acked().of(room));
    }
}

package io.ces.application;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.event.Target;
import io.ces.domain.history.EventHistory;
import io.ces.domain.receipt.DeliveryProof;
import io.ces.domain.receipt.Receipt;
import io.ces.domain.receipt.ReceiptClaims;
import io.ces.domain.receipt.ReceiptKind;
import io.ces.domain.receipt.ReceiptPublisher;
import io.ces.domain.session.ClientSession;

/**
 * Serves {@code ack} and {@code read} frames: checks that the session may acknowledge the position
 * ({@link DeliveryProof}), claims the receipt so that it is published once however often it is sent, and publishes
 * it to the receipts topic.
 */
@ApplicationScoped
public class ReceiptService {

    private static final Logger LOG = Logger.getLogger(ReceiptService.class.getName());

    /** What became of an ack or read. */
    public enum Outcome {
        /** The receipt was published now. */
        RECORDED,
        /** The same receipt was published before; nothing was published again. */
        ALREADY_RECORDED,
        /** The position was not delivered to this session; nothing was published. */
        NOT_DELIVERED,
        /** The receipt could not be published now; nothing was, and trying again may succeed. */
        UNAVAILABLE
    }

    private final DeliveryProof proof = new DeliveryProof(JsonProvider.provider());
    private final Clock clock = Clock.systemUTC();

    @Inject
    EventHistory history;

    @Inject
    ReceiptClaims claims;

    @Inject
    ReceiptPublisher publisher;

    @Inject
    AtLeastOnceDelivery atLeastOnce;

    public Outcome acknowledge(ClientSession session, ReceiptKind kind, String room, long seq) {
        StreamCursor cursor = session.roomCursor(room);
        DeliveryProof.Verdict verdict = proof.check(cursor == null ? null : cursor.position(), seq,
                cursor == null ? null : history.since(Target.room(room), seq - 1));
        if (!verdict.delivered()) {
            return Outcome.NOT_DELIVERED;
        }
        Receipt receipt = new Receipt(kind, session.owner().userId(), session.id(), room, seq, verdict.eventId(),
                clock.instant());
        try {
            if (!claims.claim(receipt.key())) {
                keepAcked(session, kind, room, seq);
                return Outcome.ALREADY_RECORDED;
            }
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "CES0901W: a receipt could not be claimed in the shared cache", unavailable);
            return Outcome.UNAVAILABLE;
        }
        try {
            publisher.publish(receipt);
            keepAcked(session, kind, room, seq);
            return Outcome.RECORDED;
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "CES0902W: a " + kind.eventType() + " receipt of room " + room
                    + " could not be published", failed);
            try {
                claims.release(receipt.key());
            } catch (RuntimeException ignored) {
                // the claim expires by itself; until then a retry is answered as already recorded
            }
            return Outcome.UNAVAILABLE;
        }
    }

    /** Only an ack moves the position an at-least-once room is redelivered from; a read receipt says nothing more. */
    private void keepAcked(ClientSession session, ReceiptKind kind, String room, long seq) {
        if (kind == ReceiptKind.DELIVERED) {
            atLeastOnce.acknowledged(session, room, seq);
        }
    }
}

package io.ces.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ces.domain.delivery.AtLeastOnceRooms;
import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.event.Target;
import io.ces.domain.history.EventHistory;
import io.ces.domain.history.HistoryLimits;
import io.ces.domain.receipt.Receipt;
import io.ces.domain.receipt.ReceiptClaims;
import io.ces.domain.receipt.ReceiptKind;
import io.ces.domain.receipt.ReceiptPublisher;
import io.ces.domain.room.RoomAccess;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;

class ReceiptServiceTest {

    private static final String TOPIC = "ces.events";
    private static final String ROOM = "cr_1";

    /** The shared claims, held in memory. */
    private static final class MemoryClaims implements ReceiptClaims {

        final Set<String> claimed = new HashSet<>();

        @Override
        public boolean claim(String key) {
            return claimed.add(key);
        }

        @Override
        public void release(String key) {
            claimed.remove(key);
        }
    }

    /** The receipts topic, held in memory; fails while {@code failing}. */
    private static final class MemoryPublisher implements ReceiptPublisher {

        final List<Receipt> published = new ArrayList<>();
        boolean failing;

        @Override
        public void publish(Receipt receipt) {
            if (failing) {
                throw new IllegalStateException("broker down");
            }
            published.add(receipt);
        }
    }

    private final MemoryClaims claims = new MemoryClaims();
    private final MemoryPublisher publisher = new MemoryPublisher();
    private final ReceiptService service = new ReceiptService();
    private ClientSession session;

    @BeforeEach
    void subscribeToARoomWithTwoDeliveredEvents() {
        EventHistory history = new EventHistory(new HistoryLimits(100, 1_000_000, Duration.ofHours(1), 100, 1L << 30),
                Clock.systemUTC());
        history.observe(TOPIC, 2, 10);
        history.record(Target.room(ROOM), TOPIC, 2, 10, "{\"id\":\"e-10\"}");
        history.record(Target.room("cr_other"), TOPIC, 2, 11, "{\"id\":\"e-11\"}");
        history.record(Target.room(ROOM), TOPIC, 2, 12, "{\"id\":\"e-12\"}");
        service.history = history;
        service.claims = claims;
        service.publisher = publisher;
        service.atLeastOnce = new AtLeastOnceDelivery();
        service.atLeastOnce.rooms = AtLeastOnceRooms.NONE;

        session = new ClientSession("s1", new Caller("alice", RoomAccess.everyRoom(), false), "token",
                Instant.now());
        StreamCursor cursor = new StreamCursor(-1);
        cursor.startAfter(TOPIC, 2, 12);
        new SessionRegistry().subscribe(session, ROOM, cursor);
    }

    @Test
    void aDeliveredEventIsPublishedOncePerKind() {
        assertEquals(ReceiptService.Outcome.RECORDED, service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 12));
        assertEquals(ReceiptService.Outcome.ALREADY_RECORDED,
                service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 12));
        assertEquals(ReceiptService.Outcome.RECORDED, service.acknowledge(session, ReceiptKind.READ, ROOM, 12));
        assertEquals(2, publisher.published.size());
        Receipt first = publisher.published.get(0);
        assertEquals("alice", first.user());
        assertEquals("s1", first.session());
        assertEquals("e-12", first.eventId());
    }

    @Test
    void whatWasNotDeliveredPublishesNothing() {
        assertEquals(ReceiptService.Outcome.NOT_DELIVERED,
                service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 13));
        assertEquals(ReceiptService.Outcome.NOT_DELIVERED,
                service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 11));
        assertEquals(ReceiptService.Outcome.NOT_DELIVERED,
                service.acknowledge(session, ReceiptKind.READ, "cr_other", 11));
        assertEquals(List.of(), publisher.published);
        assertEquals(Set.of(), claims.claimed);
    }

    @Test
    void aFailedPublishGivesTheClaimBackSoThatARetryPublishes() {
        publisher.failing = true;
        assertEquals(ReceiptService.Outcome.UNAVAILABLE, service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 10));
        publisher.failing = false;
        assertEquals(ReceiptService.Outcome.RECORDED, service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 10));
        assertEquals("e-10", publisher.published.get(0).eventId());
    }

    @Test
    void aPositionOlderThanHistoryIsPublishedWithoutAnEventId() {
        assertEquals(ReceiptService.Outcome.RECORDED, service.acknowledge(session, ReceiptKind.DELIVERED, ROOM, 3));
        assertNull(publisher.published.get(0).eventId());
    }
}

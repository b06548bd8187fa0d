package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.Target;
import io.ces.domain.history.EventHistory;
import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.HistoryLimits;
import io.ces.domain.history.Replay;
import io.ces.domain.room.RoomAccess;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientInfo;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

class RouterTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static final String TOPIC = "ces.events";
    private static final int PARTITION = 3;

    private final SessionRegistry registry = new SessionRegistry();
    private final EventHistory history = new EventHistory(
            new HistoryLimits(1000, 1 << 20, Duration.ofMinutes(5), 10_000, 1L << 30), Clock.systemUTC());
    private final Router router = new Router(registry, history);

    /** Routes as the routing service does: the partition is observed at the record's offset first. */
    private int route(CloudEvent event, long seq) {
        history.observe(TOPIC, PARTITION, seq);
        return router.route(event, TOPIC, PARTITION, seq);
    }

    private RecordingSink connect(String sessionId, String userId) {
        ClientSession session = new ClientSession(sessionId, new Caller(userId, RoomAccess.everyRoom(), false),
                "resume-" + sessionId, NOW);
        registry.add(session);
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 16), ClientInfo.UNKNOWN, NOW);
        return sink;
    }

    private void subscribe(String sessionId, String room) {
        registry.subscribe(registry.find(sessionId), room);
    }

    private static CloudEvent event(Target target) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"order.created\",\""
                + target.kind().attribute() + "\":\"" + target.id() + "\",\"data\":{\"n\":1}}";
        return new CloudEvent("e-1", "/orders", "order.created", target, json);
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void roomEventReachesEverySubscriberAsOneSharedFrame() {
        RecordingSink one = connect("s-1", "alice");
        RecordingSink two = connect("s-2", "bob");
        RecordingSink three = connect("s-3", "carol");
        subscribe("s-1", "cr_1");
        subscribe("s-2", "cr_1");
        subscribe("s-3", "cr_1");

        assertEquals(3, route(event(Target.room("cr_1")), 42));

        assertEquals(1, one.frames.size());
        assertEquals(1, two.frames.size());
        assertEquals(1, three.frames.size());
        assertSame(one.frames.get(0), two.frames.get(0), "the frame is serialized once");
        assertSame(one.frames.get(0), three.frames.get(0), "the frame is serialized once");
    }

    @Test
    void roomFrameCarriesRoomSeqAndTheEvent() {
        RecordingSink sink = connect("s-1", "alice");
        subscribe("s-1", "cr_1");
        CloudEvent event = event(Target.room("cr_1"));

        route(event, 42);

        JsonObject frame = parse(sink.frames.get(0));
        assertEquals("message", frame.getString("type"));
        assertEquals("cr_1", frame.getString("room"));
        assertEquals(42, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(event.json()), frame.getJsonObject("event"));
    }

    @Test
    void roomEventSkipsSessionsOfOtherRooms() {
        RecordingSink in = connect("s-1", "alice");
        RecordingSink out = connect("s-2", "alice");
        subscribe("s-1", "cr_1");
        subscribe("s-2", "cr_2");

        assertEquals(1, route(event(Target.room("cr_1")), 1));

        assertEquals(1, in.frames.size());
        assertTrue(out.frames.isEmpty());
    }

    @Test
    void roomEventWithoutSubscribersIsDeliveredNowhere() {
        RecordingSink sink = connect("s-1", "alice");
        subscribe("s-1", "cr_2");

        assertEquals(0, route(event(Target.room("cr_1")), 1));

        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void subscribersWithoutConnectionAreNotCounted() {
        RecordingSink connected = connect("s-1", "alice");
        ClientSession offline = new ClientSession("s-2", new Caller("bob", RoomAccess.everyRoom(), false), "r", NOW);
        registry.add(offline);
        subscribe("s-1", "cr_1");
        subscribe("s-2", "cr_1");

        assertEquals(1, route(event(Target.room("cr_1")), 1));
        assertEquals(1, connected.frames.size());
    }

    @Test
    void sessionEventReachesOnlyThatSession() {
        RecordingSink target = connect("s-1", "alice");
        RecordingSink sameUser = connect("s-2", "alice");
        RecordingSink other = connect("s-3", "bob");
        CloudEvent event = event(Target.session("s-1"));

        assertEquals(1, route(event, 7));

        assertEquals(1, target.frames.size());
        assertTrue(sameUser.frames.isEmpty());
        assertTrue(other.frames.isEmpty());
        JsonObject frame = parse(target.frames.get(0));
        assertEquals("message", frame.getString("type"));
        assertEquals("session", frame.getString("target"));
        assertEquals(7, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(event.json()), frame.getJsonObject("event"));
    }

    @Test
    void eventForUnknownSessionIsDeliveredNowhere() {
        RecordingSink sink = connect("s-1", "alice");

        assertEquals(0, route(event(Target.session("s-unknown")), 7));
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void userEventReachesAllSessionsOfThatUserAndNoOthers() {
        RecordingSink alice1 = connect("s-1", "alice");
        RecordingSink alice2 = connect("s-2", "alice");
        RecordingSink bob = connect("s-3", "bob");
        CloudEvent event = event(Target.user("alice"));

        assertEquals(2, route(event, 7));

        assertEquals(1, alice1.frames.size());
        assertEquals(1, alice2.frames.size());
        assertTrue(bob.frames.isEmpty());
        assertSame(alice1.frames.get(0), alice2.frames.get(0), "the frame is serialized once");
        JsonObject frame = parse(alice1.frames.get(0));
        assertEquals("message", frame.getString("type"));
        assertEquals("user", frame.getString("target"));
        assertEquals(7, frame.getJsonNumber("seq").longValueExact());
        assertEquals(parse(event.json()), frame.getJsonObject("event"));
    }

    @Test
    void eventForUserWithoutSessionsIsDeliveredNowhere() {
        RecordingSink sink = connect("s-1", "alice");

        assertEquals(0, route(event(Target.user("bob")), 7));
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void everyRoutedEventIsRecordedInItsStreamsHistoryEvenWithoutRecipients() {
        CloudEvent roomEvent = event(Target.room("cr_1"));
        CloudEvent sessionEvent = event(Target.session("s-unknown"));
        CloudEvent userEvent = event(Target.user("bob"));

        assertEquals(0, route(roomEvent, 10));
        assertEquals(0, route(sessionEvent, 11));
        assertEquals(0, route(userEvent, 12));

        assertRecorded(Target.room("cr_1"), 9, roomEvent, 10);
        assertRecorded(Target.session("s-unknown"), 9, sessionEvent, 11);
        assertRecorded(Target.user("bob"), 9, userEvent, 12);
    }

    @Test
    void eventIsRecordedBeforeItIsDelivered() {
        ClientSession session = new ClientSession("s-1", new Caller("alice", RoomAccess.everyRoom(), false), "r", NOW);
        registry.add(session);
        List<Replay> seenWhileWriting = new ArrayList<>();
        FrameSink sink = new FrameSink() {
            @Override
            public void write(String frame, WriteCallback done) {
                seenWhileWriting.add(history.since(Target.room("cr_1"), 4));
                done.written(null);
            }

            @Override
            public void ping() {
            }

            @Override
            public void close(CloseCode code) {
            }
        };
        session.attach(new OutboundQueue(sink, 16), ClientInfo.UNKNOWN, NOW);
        subscribe("s-1", "cr_1");

        assertEquals(1, route(event(Target.room("cr_1")), 5));

        assertEquals(1, seenWhileWriting.size());
        assertEquals(List.of(5L), seenWhileWriting.get(0).entries().stream().map(HistoryEntry::seq).toList());
    }

    @Test
    void roomEventAtOrBelowTheLastDeliveredSeqIsNotDeliveredAgain() {
        RecordingSink sink = connect("s-1", "alice");
        subscribe("s-1", "cr_1");

        assertEquals(1, route(event(Target.room("cr_1")), 5));
        assertEquals(0, route(event(Target.room("cr_1")), 5));
        assertEquals(0, route(event(Target.room("cr_1")), 4));
        assertEquals(1, route(event(Target.room("cr_1")), 6));

        assertEquals(List.of(5L, 6L), seqs(sink));
    }

    @Test
    void targetedEventAtOrBelowTheLastDeliveredSeqIsNotDeliveredAgain() {
        RecordingSink sink = connect("s-1", "alice");

        assertEquals(1, route(event(Target.session("s-1")), 5));
        assertEquals(0, route(event(Target.session("s-1")), 5));
        assertEquals(1, route(event(Target.user("alice")), 3));
        assertEquals(0, route(event(Target.user("alice")), 2));
        assertEquals(1, route(event(Target.session("s-1")), 6));

        assertEquals(List.of(5L, 3L, 6L), seqs(sink), "session and user events have separate cursors");
    }

    @Test
    void roomEventForARecoveringSubscriberIsHeldAndCountedButNotYetWritten() {
        RecordingSink sink = connect("s-1", "alice");
        ClientSession session = registry.find("s-1");
        StreamCursor cursor = StreamCursor.recovering(4, 10);
        registry.subscribe(session, "cr_1", cursor);

        assertEquals(1, route(event(Target.room("cr_1")), 5));

        assertTrue(sink.frames.isEmpty());
        assertTrue(cursor.isRecovering());
    }

    @Test
    void roomEventDoesNotReachASessionThatLeftTheRoom() {
        RecordingSink sink = connect("s-1", "alice");
        subscribe("s-1", "cr_1");
        registry.unsubscribe(registry.find("s-1"), "cr_1");

        assertEquals(0, route(event(Target.room("cr_1")), 1));
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void eventForADisconnectedSessionIsNotDeliveredAndDoesNotMoveItsPosition() {
        ClientSession offline = new ClientSession("s-1", new Caller("alice", RoomAccess.everyRoom(), false), "r", NOW);
        registry.add(offline);

        assertEquals(0, route(event(Target.session("s-1")), 7));

        assertEquals(-1, offline.targetCursor(Target.Kind.SESSION).lastDelivered());
        assertFalse(offline.targetCursor(Target.Kind.SESSION).isRecovering());
    }

    private void assertRecorded(Target stream, long after, CloudEvent event, long seq) {
        Replay replay = history.since(stream, after);
        assertTrue(replay.complete(), stream + " complete after " + after);
        assertEquals(TOPIC, replay.topic());
        assertEquals(PARTITION, replay.partition());
        assertEquals(1, replay.entries().size());
        assertEquals(seq, replay.entries().get(0).seq());
        assertEquals(event.json(), replay.entries().get(0).eventJson());
    }

    private static List<Long> seqs(RecordingSink sink) {
        return sink.frames.stream().map(frame -> parse(frame).getJsonNumber("seq").longValueExact()).toList();
    }
}

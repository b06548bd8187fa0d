package io.ces.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ces.domain.deadletter.DeadLetterHeaders;
import io.ces.domain.deadletter.DeadLetterMarks;
import io.ces.domain.deadletter.DeadLetterQuery;
import io.ces.domain.deadletter.DeadLetterStatus;
import io.ces.domain.deadletter.DeadLetterTopic;
import io.ces.domain.deadletter.StoredDeadLetter;

class DeadLetterAdminTest {

    private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
    private static final int MAX_REPLAYS = 3;

    /** A dead-letter topic held in memory, in the order letters were added. */
    private static final class FakeTopic implements DeadLetterTopic {

        record Republished(String topic, String key, byte[] value, List<Map.Entry<String, byte[]>> headers) {
        }

        final Map<String, StoredDeadLetter> letters = new LinkedHashMap<>();
        final List<Republished> republished = new ArrayList<>();
        Instant scannedFrom;
        int scannedLimit;
        int scannedMax;
        RuntimeException republishFailure;
        Instant purgedBefore;

        void add(StoredDeadLetter letter) {
            letters.put(letter.id(), letter);
        }

        @Override
        public Scan scan(Instant from, Predicate<StoredDeadLetter> wanted, int limit, int maxScanned) {
            scannedFrom = from;
            scannedLimit = limit;
            scannedMax = maxScanned;
            List<StoredDeadLetter> candidates = letters.values().stream()
                    .filter(letter -> from == null || !letter.storedAt().isBefore(from)).toList();
            List<StoredDeadLetter> found = new ArrayList<>();
            int scanned = 0;
            while (scanned < candidates.size() && scanned < maxScanned && found.size() < limit) {
                StoredDeadLetter letter = candidates.get(scanned++);
                if (wanted.test(letter)) {
                    found.add(letter);
                }
            }
            return new Scan(found, scanned, scanned < candidates.size());
        }

        @Override
        public Optional<StoredDeadLetter> find(String id) {
            return Optional.ofNullable(letters.get(id));
        }

        @Override
        public void republish(String topic, String key, byte[] value, List<Map.Entry<String, byte[]>> headers) {
            if (republishFailure != null) {
                throw republishFailure;
            }
            republished.add(new Republished(topic, key, value, List.copyOf(headers)));
        }

        @Override
        public long purgeBefore(Instant before) {
            purgedBefore = before;
            return 7;
        }
    }

    private static final class FakeMarks implements DeadLetterMarks {

        final Map<String, DeadLetterStatus> statuses = new HashMap<>();

        @Override
        public DeadLetterStatus status(String id) {
            return statuses.getOrDefault(id, DeadLetterStatus.PENDING);
        }

        @Override
        public void mark(String id, DeadLetterStatus status) {
            statuses.put(id, status);
        }

        @Override
        public boolean claimForReplay(String id) {
            return statuses.putIfAbsent(id, DeadLetterStatus.REPLAYED) == null;
        }

        @Override
        public void releaseReplay(String id) {
            statuses.remove(id, DeadLetterStatus.REPLAYED);
        }
    }

    private static final class LetterBuilder {

        private final String id;
        private Instant storedAt = START;
        private byte[] value = utf8("{}");
        private final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();

        LetterBuilder(String id) {
            this.id = id;
        }

        LetterBuilder at(int minute) {
            storedAt = START.plusSeconds(60L * minute);
            return this;
        }

        LetterBuilder value(byte[] bytes) {
            value = bytes;
            return this;
        }

        LetterBuilder value(String text) {
            return value(utf8(text));
        }

        LetterBuilder header(String name, String headerValue) {
            headers.add(new SimpleEntry<>(name, headerValue == null ? null : utf8(headerValue)));
            return this;
        }

        StoredDeadLetter build() {
            return new StoredDeadLetter(id, storedAt, "key-" + id, value, headers);
        }
    }

    private static LetterBuilder letter(String id) {
        return new LetterBuilder(id);
    }

    /** A dead letter from the topic {@code orders}, with reason {@code reason}, for room {@code room}. */
    private static StoredDeadLetter replayable(String id, int minute, String reason, String room) {
        return letter(id).at(minute).header(DeadLetterHeaders.REASON, reason)
                .header(DeadLetterHeaders.TOPIC, "orders").header("ce_room", room).build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> rendered(List<Map.Entry<String, byte[]>> headers) {
        return headers.stream()
                .map(h -> h.getKey() + "=" + (h.getValue() == null ? null : new String(h.getValue(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static DeadLetterQuery all() {
        return new DeadLetterQuery(null, null, null, null, 100);
    }

    private static List<String> ids(DeadLetterAdmin.Page page) {
        return page.entries().stream().map(entry -> entry.letter().id()).toList();
    }

    private final FakeTopic topic = new FakeTopic();
    private final FakeMarks marks = new FakeMarks();
    private final DeadLetterAdmin admin = new DeadLetterAdmin();

    @BeforeEach
    void wireTheBean() {
        admin.topic = topic;
        admin.marks = marks;
        admin.maxReplays = MAX_REPLAYS;
        admin.maxScan = 1000;
    }

    @Nested
    class RoomOf {

        @Test
        void theCeRoomHeaderIsTheRoom() {
            assertEquals("cr_1", DeadLetterAdmin.roomOf(letter("0-1").header("ce_room", "cr_1").value("x").build()));
        }

        @Test
        void theCeRoomHeaderWinsOverTheRoomInTheValue() {
            StoredDeadLetter letter = letter("0-1").header("ce_room", "cr_header").value("{\"room\":\"cr_value\"}")
                    .build();

            assertEquals("cr_header", DeadLetterAdmin.roomOf(letter));
        }

        @Test
        void theRoomOfAStructuredEventIsItsRoomAttribute() {
            StoredDeadLetter letter = letter("0-1")
                    .value("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"room\":\"cr_1\",\"data\":{\"room\":\"other\"}}")
                    .build();

            assertEquals("cr_1", DeadLetterAdmin.roomOf(letter));
        }

        @Test
        void leadingWhitespaceBeforeAStructuredEventIsAllowed() {
            assertEquals("cr_1", DeadLetterAdmin.roomOf(letter("0-1").value(" \n\t{\"room\":\"cr_1\"}").build()));
        }

        @Test
        void aStructuredEventWithoutRoomHasNoRoom() {
            assertNull(DeadLetterAdmin.roomOf(letter("0-1").value("{\"sessionid\":\"s-1\"}").build()));
        }

        @ParameterizedTest
        @ValueSource(strings = { "[{\"room\":\"cr_1\"}]", "\"cr_1\"", "42", "null", "not json", "" })
        void aValueThatIsNotAJsonObjectHasNoRoom(String value) {
            assertNull(DeadLetterAdmin.roomOf(letter("0-1").value(value).build()));
        }

        @ParameterizedTest
        @ValueSource(strings = { "{\"room\":", "{\"room\":\"cr_1\"", "{room:\"cr_1\"}", "{\"room\":\"cr_1\",}" })
        void aMalformedJsonObjectHasNoRoom(String value) {
            assertNull(DeadLetterAdmin.roomOf(letter("0-1").value(value).build()));
        }

        @ParameterizedTest
        @ValueSource(strings = { "{\"room\":42}", "{\"room\":null}", "{\"room\":true}", "{\"room\":{\"id\":\"cr_1\"}}",
                "{\"room\":[\"cr_1\"]}" })
        void aRoomThatIsNotAStringIsNoRoom(String value) {
            assertNull(DeadLetterAdmin.roomOf(letter("0-1").value(value).build()));
        }

        @Test
        void aBinaryValueHasNoRoom() {
            assertNull(DeadLetterAdmin.roomOf(letter("0-1").value(new byte[] { '{', (byte) 0xC3, 0x28, '}' }).build()));
        }

        @Test
        void aNullValueHasNoRoom() {
            assertNull(DeadLetterAdmin.roomOf(letter("0-1").value((byte[]) null).build()));
        }

        @Test
        void aCeRoomHeaderWithoutValueFallsBackToTheValue() {
            StoredDeadLetter letter = letter("0-1").header("ce_room", null).value("{\"room\":\"cr_1\"}").build();

            assertEquals("cr_1", DeadLetterAdmin.roomOf(letter));
        }
    }

    @Nested
    class Replay {

        private StoredDeadLetter replayedOnceBefore() {
            return letter("0-42").value("{\"room\":\"cr_1\"}")
                    .header("traceparent", "00-abc")
                    .header(DeadLetterHeaders.REPLAY_COUNT, "1")
                    .header(DeadLetterHeaders.REPLAY_OF, "0-9")
                    .header("ce_room", "cr_1")
                    .header(DeadLetterHeaders.REASON, "delivery-failed")
                    .header(DeadLetterHeaders.TOPIC, "orders")
                    .header(DeadLetterHeaders.OFFSET, "17")
                    .build();
        }

        @Test
        void aPendingLetterIsWrittenBackToItsOriginalTopicWithItsKeyAndValue() throws Exception {
            StoredDeadLetter letter = replayedOnceBefore();
            topic.add(letter);

            assertEquals("orders", admin.replay("0-42"));

            assertEquals(1, topic.republished.size());
            FakeTopic.Republished written = topic.republished.get(0);
            assertEquals("orders", written.topic());
            assertEquals("key-0-42", written.key());
            assertArrayEquals(letter.value(), written.value());
        }

        @Test
        void theReplayCarriesTheOriginalHeadersAndANewReplayCountAndTheLetterItCameFrom() throws Exception {
            topic.add(replayedOnceBefore());

            admin.replay("0-42");

            assertEquals(List.of("traceparent=00-abc", "ce_room=cr_1", "ces-replay-count=2", "ces-replay-of=0-42"),
                    rendered(topic.republished.get(0).headers()));
        }

        @Test
        void aFirstReplayHasReplayCountOne() throws Exception {
            topic.add(replayable("1-5", 0, "schema-invalid", "cr_1"));

            admin.replay("1-5");

            assertEquals(List.of("ce_room=cr_1", "ces-replay-count=1", "ces-replay-of=1-5"),
                    rendered(topic.republished.get(0).headers()));
        }

        @Test
        void aReplayedLetterIsMarkedReplayed() throws Exception {
            topic.add(replayedOnceBefore());

            admin.replay("0-42");

            assertEquals(DeadLetterStatus.REPLAYED, marks.status("0-42"));
            assertEquals(DeadLetterStatus.REPLAYED, admin.find("0-42").status());
        }

        @Test
        void aLetterReplayedAlreadyIsRefused() {
            topic.add(replayedOnceBefore());
            marks.mark("0-42", DeadLetterStatus.REPLAYED);

            assertThrows(ReplayRefusedException.class, () -> admin.replay("0-42"));
            assertTrue(topic.republished.isEmpty());
        }

        @Test
        void aSkippedLetterIsRefused() {
            topic.add(replayedOnceBefore());
            marks.mark("0-42", DeadLetterStatus.SKIPPED);

            assertThrows(ReplayRefusedException.class, () -> admin.replay("0-42"));
            assertTrue(topic.republished.isEmpty());
            assertEquals(DeadLetterStatus.SKIPPED, marks.status("0-42"));
        }

        @Test
        void aSecondReplayOfTheSameLetterIsRefused() throws Exception {
            topic.add(replayedOnceBefore());
            admin.replay("0-42");

            assertThrows(ReplayRefusedException.class, () -> admin.replay("0-42"));
            assertEquals(1, topic.republished.size());
        }

        @Test
        void anEventReplayedAsOftenAsTheLimitIsRefused() {
            topic.add(letter("0-1").header(DeadLetterHeaders.TOPIC, "orders")
                    .header(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(MAX_REPLAYS)).build());

            assertThrows(ReplayRefusedException.class, () -> admin.replay("0-1"));
            assertTrue(topic.republished.isEmpty());
            assertEquals(DeadLetterStatus.PENDING, marks.status("0-1"));
        }

        @Test
        void anEventReplayedOnceLessThanTheLimitIsReplayedALastTime() throws Exception {
            topic.add(letter("0-1").header(DeadLetterHeaders.TOPIC, "orders")
                    .header(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(MAX_REPLAYS - 1)).build());

            admin.replay("0-1");

            assertEquals(List.of("ces-replay-count=" + MAX_REPLAYS, "ces-replay-of=0-1"),
                    rendered(topic.republished.get(0).headers()));
        }

        @Test
        void aLetterThatDoesNotSayItsOriginalTopicIsRefused() {
            topic.add(letter("0-1").header(DeadLetterHeaders.REASON, "malformed").build());

            assertThrows(ReplayRefusedException.class, () -> admin.replay("0-1"));
            assertTrue(topic.republished.isEmpty());
            assertEquals(DeadLetterStatus.PENDING, marks.status("0-1"));
        }

        @Test
        void anUnknownLetterIsNotFound() {
            assertThrows(DeadLetterNotFoundException.class, () -> admin.replay("9-999"));
            assertTrue(topic.republished.isEmpty());
        }

        @Test
        void aLetterWhoseReplayCouldNotBeWrittenStaysPending() {
            topic.add(replayedOnceBefore());
            topic.republishFailure = new IllegalStateException("broker down");

            assertThrows(IllegalStateException.class, () -> admin.replay("0-42"));
            assertEquals(DeadLetterStatus.PENDING, marks.status("0-42"));
        }
    }

    @Nested
    class Listing {

        @Test
        void pendingLettersAreListedWithTheirStatusAndRoom() {
            StoredDeadLetter letter = replayable("0-1", 0, "malformed", "cr_1");
            topic.add(letter);

            DeadLetterAdmin.Entry entry = admin.list(all(), false).entries().get(0);

            assertSame(letter, entry.letter());
            assertEquals(DeadLetterStatus.PENDING, entry.status());
            assertEquals("cr_1", entry.room());
        }

        @Test
        void handledLettersAreLeftOutByDefault() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_1"));
            topic.add(replayable("0-3", 2, "malformed", "cr_1"));
            marks.mark("0-1", DeadLetterStatus.REPLAYED);
            marks.mark("0-3", DeadLetterStatus.SKIPPED);

            assertEquals(List.of("0-2"), ids(admin.list(all(), false)));
        }

        @Test
        void handledLettersAreListedWithTheirStatusWhenAskedFor() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_1"));
            marks.mark("0-1", DeadLetterStatus.SKIPPED);

            List<DeadLetterAdmin.Entry> entries = admin.list(all(), true).entries();

            assertEquals(List.of(DeadLetterStatus.SKIPPED, DeadLetterStatus.PENDING),
                    entries.stream().map(DeadLetterAdmin.Entry::status).toList());
        }

        @Test
        void theRoomFilterUsesTheRoomOfEachLetter() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_2"));
            topic.add(letter("0-3").at(2).value("{\"room\":\"cr_1\"}").build());
            topic.add(letter("0-4").at(3).value(new byte[] { (byte) 0xFF }).build());

            assertEquals(List.of("0-1", "0-3"), ids(admin.list(new DeadLetterQuery(null, null, null, "cr_1", 10), false)));
        }

        @Test
        void theReasonFilterIsApplied() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "schema-invalid", "cr_1"));

            assertEquals(List.of("0-2"),
                    ids(admin.list(new DeadLetterQuery("schema-invalid", null, null, null, 10), false)));
        }

        @Test
        void theEntriesKeepTheOrderOfTheScan() {
            topic.add(replayable("2-9", 0, "malformed", "cr_1"));
            topic.add(replayable("0-1", 1, "malformed", "cr_1"));
            topic.add(replayable("1-30", 2, "malformed", "cr_1"));
            topic.add(replayable("0-2", 3, "malformed", "cr_1"));

            assertEquals(List.of("2-9", "0-1", "1-30", "0-2"), ids(admin.list(all(), false)));
        }

        @Test
        void theScanStartsAtFromAndIsBoundedByTheLimitAndTheMaximumScan() {
            admin.maxScan = 50;
            Instant from = START.plusSeconds(90);

            admin.list(new DeadLetterQuery(null, from, null, null, 5), false);

            assertEquals(from, topic.scannedFrom);
            assertEquals(5, topic.scannedLimit);
            assertEquals(50, topic.scannedMax);
        }

        @Test
        void thePageReportsWhatTheScanReadAndWhetherItStoppedEarly() {
            for (int i = 0; i < 5; i++) {
                topic.add(replayable("0-" + i, i, "malformed", "cr_1"));
            }
            admin.maxScan = 3;

            DeadLetterAdmin.Page page = admin.list(all(), false);

            assertEquals(List.of("0-0", "0-1", "0-2"), ids(page));
            assertEquals(3, page.scanned());
            assertTrue(page.truncated());
        }

        @Test
        void aPageThatReachedTheEndOfTheTopicIsNotTruncated() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));

            assertFalse(admin.list(all(), false).truncated());
        }

        @Test
        void handledLettersDoNotCountTowardsTheLimit() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_1"));
            marks.mark("0-1", DeadLetterStatus.REPLAYED);

            assertEquals(List.of("0-2"), ids(admin.list(new DeadLetterQuery(null, null, null, null, 1), false)));
        }

        @Test
        void findAnswersTheLetterWithItsStatusAndRoom() throws Exception {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            marks.mark("0-1", DeadLetterStatus.SKIPPED);

            DeadLetterAdmin.Entry entry = admin.find("0-1");

            assertEquals("0-1", entry.letter().id());
            assertEquals(DeadLetterStatus.SKIPPED, entry.status());
            assertEquals("cr_1", entry.room());
        }

        @Test
        void findFailsForAnUnknownId() {
            assertThrows(DeadLetterNotFoundException.class, () -> admin.find("0-1"));
        }
    }

    @Nested
    class ReplayAll {

        @Test
        void replaysEveryPendingMatchingLetterAndCollectsTheirIds() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_2"));
            topic.add(replayable("0-3", 2, "malformed", "cr_1"));

            DeadLetterAdmin.BulkReplay result = admin.replayAll(new DeadLetterQuery(null, null, null, "cr_1", 10));

            assertEquals(List.of("0-1", "0-3"), result.replayed());
            assertTrue(result.refused().isEmpty());
            assertEquals(2, topic.republished.size());
            assertEquals(DeadLetterStatus.PENDING, marks.status("0-2"));
        }

        @Test
        void collectsTheRefusalsWithTheirReasonsAndGoesOn() {
            topic.add(letter("0-1").at(0).header(DeadLetterHeaders.TOPIC, "orders")
                    .header(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(MAX_REPLAYS)).build());
            topic.add(letter("0-2").at(1).header(DeadLetterHeaders.REASON, "malformed").build());
            topic.add(replayable("0-3", 2, "malformed", "cr_1"));

            DeadLetterAdmin.BulkReplay result = admin.replayAll(all());

            assertEquals(List.of("0-3"), result.replayed());
            assertEquals(List.of("0-1", "0-2"), List.copyOf(result.refused().keySet()));
            assertTrue(result.refused().get("0-1").contains("ces.dlq.max-replays"));
            assertTrue(result.refused().get("0-2").contains("topic"));
        }

        @Test
        void leavesHandledLettersAlone() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_1"));
            marks.mark("0-1", DeadLetterStatus.SKIPPED);

            DeadLetterAdmin.BulkReplay result = admin.replayAll(all());

            assertEquals(List.of("0-2"), result.replayed());
            assertTrue(result.refused().isEmpty());
            assertEquals(DeadLetterStatus.SKIPPED, marks.status("0-1"));
        }

        @Test
        void replaysNoMoreThanTheLimit() {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));
            topic.add(replayable("0-2", 1, "malformed", "cr_1"));

            assertEquals(List.of("0-1"), admin.replayAll(new DeadLetterQuery(null, null, null, null, 1)).replayed());
        }
    }

    @Nested
    class SkipAndPurge {

        @Test
        void aSkippedLetterIsMarkedSkipped() throws Exception {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));

            admin.skip("0-1");

            assertEquals(DeadLetterStatus.SKIPPED, marks.status("0-1"));
        }

        @Test
        void skippingAnUnknownLetterFailsAndMarksNothing() {
            assertThrows(DeadLetterNotFoundException.class, () -> admin.skip("0-1"));
            assertTrue(marks.statuses.isEmpty());
        }

        @Test
        void aSkippedLetterIsNoLongerListedByDefault() throws Exception {
            topic.add(replayable("0-1", 0, "malformed", "cr_1"));

            admin.skip("0-1");

            assertTrue(admin.list(all(), false).entries().isEmpty());
        }

        @Test
        void purgingDeletesFromTheTopicAndAnswersHowManyWereDeleted() {
            Instant before = START.plusSeconds(3600);

            assertEquals(7, admin.purgeBefore(before));
            assertEquals(before, topic.purgedBefore);
        }
    }
}

package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SeenEventWindowTest {

    private static final long WINDOW = 300_000;

    private final SeenEventWindow window = new SeenEventWindow();

    /** Identity {@code n}: the high half tells identities apart, the low half places them in the index. */
    private boolean claim(long n, long position, long nowMillis) {
        return window.claim(n, n * 0x9E3779B97F4A7C15L, position, nowMillis, WINDOW);
    }

    @Test
    void theFirstRecordOfAnEventIsFirstAndLaterOnesAreNot() {
        assertTrue(claim(1, 5, 1_000));
        assertFalse(claim(1, 9, 2_000), "another record of the same event");
        assertTrue(claim(1, 5, 3_000), "the same record read again is first");
        assertTrue(claim(2, 10, 3_000));
        assertEquals(2, window.size());
    }

    @Test
    void anEventIsForgottenOnceTheWindowHasPassedSinceItWasFirstSeen() {
        claim(1, 1, 1_000);
        claim(2, 2, 2_000);
        assertFalse(claim(1, 7, 1_000 + WINDOW - 1), "still within the window");
        assertTrue(claim(1, 8, 1_000 + WINDOW), "the window has passed");
        assertFalse(claim(2, 9, 1_000 + WINDOW), "2 was seen later");
        assertEquals(2, window.size());
    }

    @Test
    void aClaimWithAnEarlierClockDoesNotBringForgottenEventsBackOrReorderTheWindow() {
        claim(1, 1, 10_000);
        claim(2, 2, 9_000); // another replica's clock, a second behind: counted at 10,000
        assertTrue(claim(1, 3, 10_000 + WINDOW));
        assertTrue(claim(2, 4, 10_000 + WINDOW), "seen at 10,000 by the window's clock, so forgotten with 1");
    }

    @Test
    void identitiesThatShareAnIndexSlotAreToldApartAndSurviveTheirNeighboursExpiry() {
        // the same low half: one probe run; forgetting its head must leave the rest findable
        for (long n = 1; n <= 5; n++) {
            assertTrue(window.claim(n, 42, n, n * 1_000, WINDOW));
        }
        assertTrue(window.claim(6, 42, 6, 1_000 + WINDOW, WINDOW), "1 forgotten");
        for (long n = 2; n <= 5; n++) {
            assertFalse(window.claim(n, 42, 100 + n, 1_000 + WINDOW, WINDOW), "still remembered: " + n);
        }
        assertTrue(window.claim(1, 42, 7, 1_000 + WINDOW, WINDOW), "1 is new again");
    }

    @Test
    void aBurstGrowsTheWindowAndItShrinksOnceTheBurstIsForgotten() {
        for (long n = 0; n < 100_000; n++) {
            assertTrue(claim(n, n, 1_000));
        }
        assertEquals(100_000, window.size());
        for (long n = 0; n < 100_000; n += 997) {
            assertFalse(claim(n, n + 1, 2_000), "remembered across every growth: " + n);
        }
        assertTrue(claim(100_000, 1, 1_000 + WINDOW), "the burst is forgotten at once");
        assertEquals(1, window.size());
        for (long n = 0; n < 100_000; n += 997) {
            assertTrue(claim(n, n + 1, 1_000 + WINDOW), "forgotten: " + n);
        }
    }

    /** What the window must answer, kept the plain way: a map of first positions in the order first seen. */
    private static final class Reference {
        private record FirstSeen(long position, long atMillis) {
        }

        private final LinkedHashMap<Long, FirstSeen> firsts = new LinkedHashMap<>();
        private long latest = Long.MIN_VALUE;

        boolean claim(long identity, long position, long now) {
            latest = Math.max(latest, now);
            for (Iterator<FirstSeen> oldest = firsts.values().iterator(); oldest.hasNext(); ) {
                if (oldest.next().atMillis() > latest - WINDOW) {
                    break;
                }
                oldest.remove();
            }
            FirstSeen first = firsts.putIfAbsent(identity, new FirstSeen(position, latest));
            return first == null || first.position() == position;
        }
    }

    @Test
    void answersAsAPlainMapWouldOverALongRandomRun() {
        Reference reference = new Reference();
        Random random = new Random(20261123);
        long now = 0;
        for (int i = 0; i < 400_000; i++) {
            now += random.nextInt(4); // 1.5 ms apart on average, and four jumps of half a window
            if (i % 100_000 == 50_000) {
                now += WINDOW / 2;
            }
            long identity = random.nextInt(3_000);
            long position = random.nextInt(3);
            // a narrow low half, so that probe runs are long and deletions move entries
            assertEquals(reference.claim(identity, position, now),
                    window.claim(identity, identity % 64, position, now, WINDOW), "claim " + i);
        }
        assertEquals(reference.firsts.size(), window.size());
    }

    @Test
    void theWindowMovesToAnotherMemberWholeAndInOrder() throws Exception {
        claim(1, 1, 1_000);
        claim(2, 2, 2_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(window);
        }
        SeenEventWindow moved;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            moved = (SeenEventWindow) in.readObject();
        }
        assertFalse(moved.claim(2, 2 * 0x9E3779B97F4A7C15L, 5, 1_000 + WINDOW, WINDOW));
        assertTrue(moved.claim(1, 0x9E3779B97F4A7C15L, 6, 1_000 + WINDOW, WINDOW));
        assertEquals(2, moved.size());
    }
}

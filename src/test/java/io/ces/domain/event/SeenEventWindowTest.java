package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;

class SeenEventWindowTest {

    private static final long WINDOW = 300_000;

    private final SeenEventWindow window = new SeenEventWindow();

    @Test
    void theFirstRecordOfAnEventKeepsItsPositionAndLaterOnesAreToldIt() {
        assertEquals("t-0@5", window.claim("e-1", "t-0@5", 1_000, WINDOW));
        assertEquals("t-0@5", window.claim("e-1", "t-1@9", 2_000, WINDOW), "another record of the same event");
        assertEquals("t-0@5", window.claim("e-1", "t-0@5", 3_000, WINDOW), "the same record read again is first");
        assertEquals("t-1@10", window.claim("e-2", "t-1@10", 3_000, WINDOW));
        assertEquals(2, window.size());
    }

    @Test
    void anEventIsForgottenOnceTheWindowHasPassedSinceItWasFirstSeen() {
        window.claim("e-1", "t-0@1", 1_000, WINDOW);
        window.claim("e-2", "t-0@2", 2_000, WINDOW);
        assertEquals("t-0@1", window.claim("e-1", "t-0@7", 1_000 + WINDOW - 1, WINDOW), "still within the window");
        assertEquals("t-0@8", window.claim("e-1", "t-0@8", 1_000 + WINDOW, WINDOW), "the window has passed");
        assertEquals("t-0@2", window.claim("e-2", "t-0@9", 1_000 + WINDOW, WINDOW), "e-2 was seen later");
        assertEquals(2, window.size());
    }

    @Test
    void aClaimWithAnEarlierClockDoesNotBringForgottenEventsBackOrReorderTheWindow() {
        window.claim("e-1", "t-0@1", 10_000, WINDOW);
        window.claim("e-2", "t-0@2", 9_000, WINDOW); // another replica's clock, a second behind: counted at 10,000
        assertEquals("t-0@3", window.claim("e-1", "t-0@3", 10_000 + WINDOW, WINDOW));
        assertEquals("t-0@4", window.claim("e-2", "t-0@4", 10_000 + WINDOW, WINDOW),
                "seen at 10,000 by the window's clock, so forgotten with e-1");
    }

    @Test
    void theWindowMovesToAnotherMemberWholeAndInOrder() throws Exception {
        window.claim("e-1", "t-0@1", 1_000, WINDOW);
        window.claim("e-2", "t-0@2", 2_000, WINDOW);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(window);
        }
        SeenEventWindow moved;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            moved = (SeenEventWindow) in.readObject();
        }
        assertEquals("t-0@2", moved.claim("e-2", "t-0@5", 1_000 + WINDOW, WINDOW));
        assertEquals("t-0@6", moved.claim("e-1", "t-0@6", 1_000 + WINDOW, WINDOW));
        assertEquals(2, moved.size());
    }
}

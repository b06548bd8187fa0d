package io.ces.infrastructure.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.ibm.websphere.logging.hpel.LogRecordContext;

import io.ces.domain.event.Target;

class LogFieldsTest {

    private final Logger logger = Logger.getLogger("ces.test.LogFieldsTest");
    private final Map<String, String> seen = new HashMap<>();

    LogFieldsTest() {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                LogRecordContext.getExtensions(seen); // what Liberty's JSON format writes as ext_* fields
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void theFieldsExistWhileTheLineIsLoggedAndOnlyThen() {
        LogFields.none().event("e-1").target(Target.room("cr_1")).record("ces.events/0/7")
                .log(logger, Level.WARNING, "about e-1");

        assertEquals(Map.of("eventId", "e-1", "room", "cr_1", "record", "ces.events/0/7"), withoutThread(seen));
        Map<String, String> after = new HashMap<>();
        LogRecordContext.getExtensions(after);
        assertTrue(withoutThread(after).isEmpty(), "nothing stays on the thread: " + after);
    }

    @Test
    void aUserTargetAddsNoFieldAndIsNotNamed() {
        LogFields.none().target(Target.user("alice")).log(logger, Level.WARNING, "x");

        assertTrue(withoutThread(seen).isEmpty(), seen.toString());
        assertEquals("the user's stream", LogFields.describe(Target.user("alice")));
        assertEquals("room cr_1", LogFields.describe(Target.room("cr_1")));
    }

    @Test
    void aLineBelowTheLevelCostsNoFields() {
        LogFields.none().event("e-2").log(logger, Level.FINE, "filtered");

        assertTrue(seen.isEmpty());
    }

    private static Map<String, String> withoutThread(Map<String, String> fields) {
        Map<String, String> copy = new HashMap<>(fields);
        copy.remove("thread"); // Liberty's API registers the thread name itself
        copy.remove(LogRecordContext.PTHREADID);
        return copy;
    }
}

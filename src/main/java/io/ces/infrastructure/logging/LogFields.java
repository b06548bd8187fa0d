package io.ces.infrastructure.logging;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.ibm.websphere.logging.hpel.LogRecordContext;

import io.ces.domain.event.Target;

/**
 * The fields of one log line about an event: its id, the session and room it concerns, and the record's position.
 * Liberty's JSON log format writes them as {@code ext_eventId}, {@code ext_sessionId}, {@code ext_room} and
 * {@code ext_record}. The fields exist only while the line is logged, so a line that is filtered out costs nothing.
 * A user id (the token's subject) is never a field: it is personal data, and a session id leads to it when needed.
 */
public final class LogFields {

    public static final String EVENT_ID = "eventId";
    public static final String SESSION_ID = "sessionId";
    public static final String ROOM = "room";
    public static final String RECORD = "record";

    private String eventId;
    private String sessionId;
    private String room;
    private String record;

    private LogFields() {
    }

    public static LogFields none() {
        return new LogFields();
    }

    public LogFields event(String id) {
        eventId = id;
        return this;
    }

    public LogFields session(String id) {
        sessionId = id;
        return this;
    }

    public LogFields room(String id) {
        room = id;
        return this;
    }

    /** The record's {@code topic/partition/offset}. */
    public LogFields record(String position) {
        record = position;
        return this;
    }

    /** The room or session a target names; a user target adds nothing, since its id is the user's. */
    public LogFields target(Target target) {
        if (target != null) {
            switch (target.kind()) {
                case ROOM -> room = target.id();
                case SESSION -> sessionId = target.id();
                case USER -> {
                    // a user id is personal data: not logged
                }
            }
        }
        return this;
    }

    /** How a log message names a stream without revealing a user id. */
    public static String describe(Target target) {
        return target.kind() == Target.Kind.USER ? "the user's stream" : target.kind().attribute() + " " + target.id();
    }

    public void log(Logger logger, Level level, String message) {
        log(logger, level, message, null);
    }

    public void log(Logger logger, Level level, String message, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        add(EVENT_ID, eventId);
        add(SESSION_ID, sessionId);
        add(ROOM, room);
        add(RECORD, record);
        try {
            logger.log(level, message, thrown);
        } finally {
            remove(EVENT_ID, eventId);
            remove(SESSION_ID, sessionId);
            remove(ROOM, room);
            remove(RECORD, record);
        }
    }

    private static void add(String name, String value) {
        if (value != null) {
            LogRecordContext.addExtension(name, value);
        }
    }

    private static void remove(String name, String value) {
        if (value != null) {
            LogRecordContext.removeExtension(name);
        }
    }
}

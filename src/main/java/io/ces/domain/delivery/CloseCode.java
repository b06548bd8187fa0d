package io.ces.domain.delivery;

/**
 * The WebSocket close codes CES sends, as documented in docs/protocol.md. Codes 4000-4999 are CES's own.
 * After {@link #SLOW_CONSUMER}, {@link #INTERNAL_ERROR}, {@link #SERVICE_RESTART} and {@link #HEARTBEAT_TIMEOUT} a
 * client reconnects and resumes; after {@link #SESSION_CLOSED}, {@link #SESSION_TAKEN_OVER},
 * {@link #UNKNOWN_SESSION} and {@link #SESSION_EXPIRED} it must not resume that session.
 */
public enum CloseCode {
    NORMAL(1000, "normal closure"),
    /** The client went on sending frames past its rate limit and past the error frames that told it so. */
    RATE_LIMITED(1008, "too many frames"),
    MESSAGE_TOO_BIG(1009, "frame exceeds the maximum size"),
    INTERNAL_ERROR(1011, "internal error"),
    /** The server is stopping: reconnect, to this or another replica, and resume. */
    SERVICE_RESTART(1012, "server restarting, reconnect and resume"),
    /** The session was ended through {@code DELETE /api/sessions/{id}}: do not reconnect with it. */
    SESSION_CLOSED(4000, "session closed"),
    /** The client read too slowly and its outbound queue overflowed. */
    SLOW_CONSUMER(4001, "outbound queue overflow"),
    /** Another connection attached to the same session. */
    SESSION_TAKEN_OVER(4002, "session taken over by another connection"),
    /** The connect named a session that does not exist (any more) or belongs to another user. */
    UNKNOWN_SESSION(4004, "unknown session"),
    /** The client answered no ping for {@code ces.websocket.missed-heartbeats} heartbeats: reconnect and resume. */
    HEARTBEAT_TIMEOUT(4008, "heartbeat timeout"),
    /** The user, or this replica, already has the maximum number of sessions. */
    TOO_MANY_SESSIONS(4009, "too many sessions"),
    /** A resume named a session that has expired or a wrong resume token: connect anew and reload state. */
    SESSION_EXPIRED(4010, "session expired");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}

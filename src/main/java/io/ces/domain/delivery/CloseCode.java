package io.ces.domain.delivery;

/**
 * The WebSocket close codes CES sends, as documented in docs/protocol.md. Codes 4000-4999 are CES's own.
 * After {@link #SLOW_CONSUMER} and {@link #INTERNAL_ERROR} a client reconnects; after {@link #SESSION_CLOSED},
 * {@link #SESSION_TAKEN_OVER} and {@link #UNKNOWN_SESSION} it must not reconnect to the same session.
 */
public enum CloseCode {
    NORMAL(1000, "normal closure"),
    MESSAGE_TOO_BIG(1009, "frame exceeds the maximum size"),
    INTERNAL_ERROR(1011, "internal error"),
    /** The session was ended through {@code DELETE /api/sessions/{id}}: do not reconnect with it. */
    SESSION_CLOSED(4000, "session closed"),
    /** The client read too slowly and its outbound queue overflowed. */
    SLOW_CONSUMER(4001, "outbound queue overflow"),
    /** Another connection attached to the same session. */
    SESSION_TAKEN_OVER(4002, "session taken over by another connection"),
    /** The connect named a session that does not exist (any more) or belongs to another user. */
    UNKNOWN_SESSION(4004, "unknown session");

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

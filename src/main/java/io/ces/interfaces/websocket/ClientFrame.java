package io.ces.interfaces.websocket;

import java.util.Map;

import io.ces.domain.receipt.ReceiptKind;

/** A request a client sends over the socket. {@code id} is the client's request id, echoed as {@code ref}. */
public sealed interface ClientFrame {

    String id();

    /** Join a room; with {@code since}, first receive every event of the room after that seq. */
    record Subscribe(String id, String room, Long since) implements ClientFrame {
    }

    record Unsubscribe(String id, String room) implements ClientFrame {
    }

    /** Follow the presence of a room: answered with its members now, then a frame at every join and leave. */
    record Presence(String id, String room) implements ClientFrame {
    }

    /** The user is typing in a room the session subscribes to: relayed to the room's other members. */
    record Typing(String id, String room) implements ClientFrame {
    }

    /** An ack ({@code ack}: the event at {@code seq} of the room was received) or a read receipt ({@code read}). */
    record Receipt(String id, ReceiptKind kind, String room, long seq) implements ClientFrame {
    }

    /** An application-level ping, for clients (browsers) that cannot send WebSocket pings. */
    record Ping(String id) implements ClientFrame {
    }

    /**
     * Continue an earlier session on this connection, with the last seq the client has of each room and of the
     * events addressed to its session and its user (each optional).
     */
    record Resume(String id, String session, String resumeToken, Map<String, Long> rooms, Long sessionSeq,
            Long userSeq) implements ClientFrame {
    }
}

package io.ces.interfaces.websocket;

/** A request a client sends over the socket. {@code id} is the client's request id, echoed as {@code ref}. */
public sealed interface ClientFrame {

    String id();

    record Subscribe(String id, String room) implements ClientFrame {
    }

    record Unsubscribe(String id, String room) implements ClientFrame {
    }

    /** An application-level ping, for clients (browsers) that cannot send WebSocket pings. */
    record Ping(String id) implements ClientFrame {
    }
}

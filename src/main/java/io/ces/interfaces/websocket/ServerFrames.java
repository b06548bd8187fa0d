package io.ces.interfaces.websocket;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import io.ces.application.RecoveryFrames;
import io.ces.domain.delivery.MessageFrames;
import io.ces.domain.event.Target;
import io.ces.domain.receipt.ReceiptKind;
import io.ces.domain.session.ClientSession;

/** Encodes the control frames the server sends (docs/protocol.md); event frames come from MessageFrames. */
public final class ServerFrames implements RecoveryFrames {

    private final JsonProvider json;

    public ServerFrames(JsonProvider json) {
        this.json = json;
    }

    public String welcome(String session, String resumeToken, int heartbeatSeconds) {
        return welcome(session, resumeToken, heartbeatSeconds, false);
    }

    /** The welcome frame; {@code batched} adds {@code "batch":true}: frames may come as JSON arrays. */
    public String welcome(String session, String resumeToken, int heartbeatSeconds, boolean batched) {
        JsonObjectBuilder welcome = json.createObjectBuilder()
                .add("type", "welcome")
                .add("session", session)
                .add("resumeToken", resumeToken)
                .add("heartbeatSeconds", heartbeatSeconds);
        if (batched) {
            welcome.add("batch", true);
        }
        return welcome.build().toString();
    }

    public String subscribed(String ref, String room) {
        return withRef(json.createObjectBuilder().add("type", "subscribed"), ref).add("room", room).build().toString();
    }

    @Override
    public String roomRecovered(String ref, String room, boolean recovered, int replayed) {
        return withRef(json.createObjectBuilder().add("type", "subscribed"), ref).add("room", room)
                .add("recovered", recovered)
                .add("replayed", replayed)
                .build().toString();
    }

    @Override
    public String resumed(String ref, ClientSession session) {
        JsonArrayBuilder rooms = json.createArrayBuilder();
        session.rooms().stream().sorted().forEach(rooms::add);
        return withRef(json.createObjectBuilder().add("type", "resumed"), ref)
                .add("session", session.id())
                .add("rooms", rooms)
                .build().toString();
    }

    @Override
    public String roomForbidden(String room) {
        return json.createObjectBuilder().add("type", "error").add("code", "forbidden").add("room", room)
                .add("message", "the token no longer grants room " + room + "; the session left it")
                .build().toString();
    }

    @Override
    public String targetRecovered(Target.Kind kind, boolean recovered, int replayed) {
        return json.createObjectBuilder().add("type", "recovered")
                .add("target", MessageFrames.targetName(kind))
                .add("recovered", recovered)
                .add("replayed", replayed)
                .build().toString();
    }

    public String unsubscribed(String ref, String room) {
        return withRef(json.createObjectBuilder().add("type", "unsubscribed"), ref).add("room", room).build().toString();
    }

    /** The answer to an {@code ack} or {@code read}: the receipt is on the receipts topic (now or before). */
    public String acked(String ref, ReceiptKind kind, String room, long seq) {
        return withRef(json.createObjectBuilder().add("type", "acked"), ref).add("receipt", kind.frameType()).add("room", room).add("seq", seq).build().toString();
    }

    public String pong(String ref) {
        return withRef(json.createObjectBuilder().add("type", "pong"), ref).build().toString();
    }

    public String error(String ref, String code, String message) {
        return withRef(json.createObjectBuilder().add("type", "error"), ref)
                .add("code", code)
                .add("message", message)
                .build().toString();
    }

    /** A client frame past the session's frame budget, which was not read: no ref. */
    public String rateLimited(long retryAfterSeconds) {
        return json.createObjectBuilder().add("type", "error")
                .add("code", "rate-limited")
                .add("message", "too many frames: this frame was not served; slow down, or the connection is closed "
                        + "with 1008")
                .add("retryAfter", retryAfterSeconds)
                .build().toString();
    }

    /** A typing frame past the session's typing budget: not relayed; typing again later is. */
    public String typingRateLimited(String ref, long retryAfterSeconds) {
        return withRef(json.createObjectBuilder().add("type", "error"), ref)
                .add("code", "rate-limited")
                .add("message", "too many typing frames: this one was not relayed")
                .add("retryAfter", retryAfterSeconds)
                .build().toString();
    }

    private static JsonObjectBuilder withRef(JsonObjectBuilder frame, String ref) {
        return ref == null ? frame : frame.add("ref", ref);
    }
}

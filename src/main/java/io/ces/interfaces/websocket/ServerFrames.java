package io.ces.interfaces.websocket;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** Encodes the control frames the server sends (docs/protocol.md); event frames come from MessageFrames. */
public final class ServerFrames {

    private final JsonProvider json;

    public ServerFrames(JsonProvider json) {
        this.json = json;
    }

    public String welcome(String session, String resumeToken, int heartbeatSeconds) {
        return json.createObjectBuilder()
                .add("type", "welcome")
                .add("session", session)
                .add("resumeToken", resumeToken)
                .add("heartbeatSeconds", heartbeatSeconds)
                .build().toString();
    }

    public String subscribed(String ref, String room) {
        return withRef(json.createObjectBuilder().add("type", "subscribed"), ref).add("room", room).build().toString();
    }

    public String unsubscribed(String ref, String room) {
        return withRef(json.createObjectBuilder().add("type", "unsubscribed"), ref).add("room", room).build().toString();
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

    private static JsonObjectBuilder withRef(JsonObjectBuilder frame, String ref) {
        return ref == null ? frame : frame.add("ref", ref);
    }
}

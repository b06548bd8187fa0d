package io.ces.domain.presence;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** The server frames about presence and typing (docs/protocol.md#presence-and-typing). */
public final class PresenceFrames {

    private final JsonProvider json;

    public PresenceFrames(JsonProvider json) {
        this.json = json;
    }

    /** The answer to a {@code presence} request: the room's members now (or only their count, in a large room). */
    public String snapshot(String ref, PresenceView view) {
        JsonObjectBuilder frame = json.createObjectBuilder().add("type", "presence");
        if (ref != null) {
            frame.add("ref", ref);
        }
        frame.add("room", view.room()).add("count", view.count());
        if (view.listed()) {
            JsonArrayBuilder members = json.createArrayBuilder();
            view.members().forEach(members::add);
            frame.add("members", members);
        }
        return frame.build().toString();
    }

    /** A change for followers: {@code {"type":"presence","room":...,"joined":"alice"}} (or {@code "left"}). */
    public String change(PresenceSignal signal) {
        String member = signal.kind() == PresenceSignal.Kind.JOINED ? "joined" : "left";
        return json.createObjectBuilder().add("type", "presence").add("room", signal.room())
                .add(member, signal.user()).add("at", signal.at().toString()).build().toString();
    }

    /** {@code {"type":"typing","room":...,"user":...}} to the room's other members. */
    public String typing(PresenceSignal signal) {
        return json.createObjectBuilder().add("type", "typing").add("room", signal.room())
                .add("user", signal.user()).add("at", signal.at().toString()).build().toString();
    }
}

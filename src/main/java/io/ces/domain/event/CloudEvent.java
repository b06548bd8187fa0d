package io.ces.domain.event;

import java.util.Objects;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * An inbound event after validation: its identity, its target and its JSON text in CloudEvents structured mode,
 * which is what clients receive.
 *
 * @param json the whole event as one JSON object, ready to be embedded in a frame without further encoding
 * @param dataschema the {@code dataschema} attribute, or null; it picks the JSON Schema version that checks the data
 * @param target where the event said it goes; null only when it names no target and routing rules are to give it
 *        one ({@link CloudEventDecoder#decode(byte[], EventHeaders, boolean)})
 * @param data the {@code data} attribute as parsed, or null when the event has none (or carries {@code data_base64})
 * @param attributes every attribute as parsed (in binary mode, as rebuilt from the headers), for routing rules to
 *        read; null for events not read from a record
 */
public record CloudEvent(String id, String source, String type, Target target, String json, String dataschema,
        JsonValue data, JsonObject attributes) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }

    /** An event without dataschema and data, as tests and the routing core need. */
    public CloudEvent(String id, String source, String type, Target target, String json) {
        this(id, source, type, target, json, null, null, null);
    }

    public CloudEvent(String id, String source, String type, Target target, String json, String dataschema,
            JsonValue data) {
        this(id, source, type, target, json, dataschema, data, null);
    }

    /** The same event sent to another target (a routing rule chose it); the JSON clients receive is unchanged. */
    public CloudEvent withTarget(Target other) {
        return new CloudEvent(id, source, type, Objects.requireNonNull(other, "target"), json, dataschema, data,
                attributes);
    }
}

package io.ces.domain.event;

import java.util.Objects;

import jakarta.json.JsonValue;

/**
 * An inbound event after validation: its identity, its target and its JSON text in CloudEvents structured mode,
 * which is what clients receive.
 *
 * @param json the whole event as one JSON object, ready to be embedded in a frame without further encoding
 * @param dataschema the {@code dataschema} attribute, or null; it picks the JSON Schema version that checks the data
 * @param data the {@code data} attribute as parsed, or null when the event has none (or carries {@code data_base64})
 */
public record CloudEvent(String id, String source, String type, Target target, String json, String dataschema,
        JsonValue data) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(json, "json");
    }

    /** An event without dataschema and data, as tests and the routing core need. */
    public CloudEvent(String id, String source, String type, Target target, String json) {
        this(id, source, type, target, json, null, null);
    }
}

package io.ces.domain.event;

import java.util.Objects;

/**
 * An inbound event after validation: its identity, its target and its JSON text in CloudEvents structured mode,
 * which is what clients receive.
 *
 * @param json the whole event as one JSON object, ready to be embedded in a frame without further encoding
 */
public record CloudEvent(String id, String source, String type, Target target, String json) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(json, "json");
    }
}

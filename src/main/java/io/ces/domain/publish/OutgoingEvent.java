package io.ces.domain.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * A CloudEvent 1.0 in structured mode, built from a {@link PublishRequest}: what the Kafka record's value holds, keyed
 * by its room as the key contract wants (docs/protocol.md, Events).
 *
 * @param json the whole event as JSON text
 */
public record OutgoingEvent(String id, String room, String json) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public OutgoingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(json, "json");
    }

    /**
     * The event of {@code request} published by {@code publisher} (a user id): its source is {@code sourceBase} and
     * the publisher, so that no one can pass an event off as another's; its id the request's or a new one.
     */
    public static OutgoingEvent build(PublishRequest request, String sourceBase, String publisher, Instant time,
            Supplier<String> newId) {
        String id = request.id() != null ? request.id() : newId.get();
        JsonObjectBuilder event = JSON.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", source(sourceBase, publisher))
                .add("type", request.type())
                .add("room", request.room())
                .add("time", time.truncatedTo(ChronoUnit.MILLIS).toString());
        if (request.data() != null) {
            event.add("datacontenttype", "application/json").add("data", request.data());
        }
        return new OutgoingEvent(id, request.room(), event.build().toString());
    }

    /** {@code <base>/<publisher>}, the publisher percent-encoded so that the source stays one URI reference. */
    static String source(String sourceBase, String publisher) {
        String base = sourceBase.endsWith("/") ? sourceBase.substring(0, sourceBase.length() - 1) : sourceBase;
        return base + "/" + URLEncoder.encode(publisher, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

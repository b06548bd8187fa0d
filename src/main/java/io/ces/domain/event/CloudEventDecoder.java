package io.ces.domain.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import io.ces.domain.json.StrictJsonReader;
import io.ces.domain.json.StrictJsonReader.InvalidJsonException;
import io.ces.domain.room.RoomId;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Turns the value and headers of a Kafka record into a {@link CloudEvent}, in either of the two Kafka protocol
 * binding modes of CloudEvents 1.0:
 * <ul>
 * <li>structured: the value is the whole event as JSON (content type {@code application/cloudevents+json} or none);</li>
 * <li>binary: the attributes are {@code ce_*} headers, the value is the data and {@code content-type} its type.</li>
 * </ul>
 * The decoder is stateless and thread-safe.
 */
public final class CloudEventDecoder {

    static final String SPEC_VERSION = "1.0";
    private static final String BINARY_PREFIX = "ce_";
    private static final int MAX_TARGET_ID_LENGTH = 256;
    /** The attributes {@link #validate} reads, each at its index below; the three targets in the order of their kinds. */
    private static final String[] READ_ATTRIBUTES = {"specversion", "id", "source", "type", "dataschema",
        Target.Kind.ROOM.attribute(), Target.Kind.SESSION.attribute(), Target.Kind.USER.attribute()};
    private static final int SPECVERSION = 0;
    private static final int ID = 1;
    private static final int SOURCE = 2;
    private static final int TYPE = 3;
    private static final int DATASCHEMA = 4;
    private static final int FIRST_TARGET = 5;
    private static final Target.Kind[] TARGET_KINDS = Target.Kind.values();

    /**
     * An event's attributes by their index in {@link #READ_ATTRIBUTES}, whether read whole into a JSON object or only
     * those CES reads: by index, since decoding every Kafka record looks each of them up.
     */
    @FunctionalInterface
    private interface Attributes {
        JsonValue get(int index);

        static Attributes of(JsonObject event) {
            return index -> event.get(READ_ATTRIBUTES[index]);
        }
    }

    private final JsonProvider json;
    private final StrictJsonReader reader;

    public CloudEventDecoder(JsonProvider json) {
        this.json = json;
        this.reader = new StrictJsonReader(json);
    }

    public CloudEvent decode(byte[] value, EventHeaders headers) throws EventRejectedException {
        return decode(value, headers, true);
    }

    /**
     * Decodes like {@link #decode(byte[], EventHeaders)}; with {@code targetRequired} false, an event that names no
     * target is accepted with a null target, because routing rules may give it one. A target attribute that is
     * present is checked either way.
     */
    public CloudEvent decode(byte[] value, EventHeaders headers, boolean targetRequired) throws EventRejectedException {
        return decode(value, headers, targetRequired, true);
    }

    /**
     * Decodes like {@link #decode(byte[], EventHeaders, boolean)}. With {@code keepContent} false, a structured-mode
     * event is checked just as strictly but not built: only the attributes CES reads are kept, and the event's
     * {@link CloudEvent#attributes()} and {@link CloudEvent#data()} are null. That is all routing needs when no
     * routing rule and no JSON Schema looks into the event, and it costs about half as much.
     */
    public CloudEvent decode(byte[] value, EventHeaders headers, boolean targetRequired, boolean keepContent)
            throws EventRejectedException {
        String binarySpecVersion = headers.get(BINARY_PREFIX + "specversion");
        return binarySpecVersion == null ? decodeStructured(value, targetRequired, keepContent)
                : decodeBinary(value, headers, targetRequired);
    }

    private CloudEvent decodeStructured(byte[] value, boolean targetRequired, boolean keepContent)
            throws EventRejectedException {
        if (value == null || value.length == 0) {
            throw new EventRejectedException(RejectionReason.MALFORMED, "empty record value");
        }
        String text = utf8(value);
        // The text is exactly one JSON object without duplicate keys: clients receive it as it came.
        if (keepContent) {
            JsonObject event = parseObject(text);
            return validate(Attributes.of(event), text, targetRequired, event.get("data"), event);
        }
        JsonValue[] attributes = readAttributes(text);
        return validate(index -> attributes[index], text, targetRequired, null, null);
    }

    private CloudEvent decodeBinary(byte[] value, EventHeaders headers, boolean targetRequired)
            throws EventRejectedException {
        JsonObjectBuilder event = json.createObjectBuilder();
        headers.forEach((name, headerValue) -> {
            if (name.startsWith(BINARY_PREFIX) && name.length() > BINARY_PREFIX.length() && headerValue != null) {
                event.add(name.substring(BINARY_PREFIX.length()), headerValue);
            }
        });
        String contentType = headers.get("content-type");
        if (contentType != null) {
            event.add("datacontenttype", contentType);
        }
        if (value != null && value.length > 0) {
            addData(event, value, contentType);
        }
        JsonObject built = event.build();
        return validate(Attributes.of(built), built.toString(), targetRequired, built.get("data"), built);
    }

    private void addData(JsonObjectBuilder event, byte[] value, String contentType) throws EventRejectedException {
        String type = contentType == null ? "application/json" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            try {
                event.add("data", reader.readValue(utf8(value)));
            } catch (InvalidJsonException e) {
                throw new EventRejectedException(RejectionReason.MALFORMED,
                        "data is not valid JSON for content type " + type + ": " + e.getMessage());
            }
        } else if (type.startsWith("text/")) {
            event.add("data", utf8(value));
        } else {
            event.add("data_base64", Base64.getEncoder().encodeToString(value));
        }
    }

    private JsonObject parseObject(String text) throws EventRejectedException {
        try {
            return reader.readObject(text);
        } catch (InvalidJsonException e) {
            throw new EventRejectedException(RejectionReason.MALFORMED, "the record value is not one JSON object: "
                    + e.getMessage());
        }
    }

    private JsonValue[] readAttributes(String text) throws EventRejectedException {
        try {
            return reader.readMembers(text, READ_ATTRIBUTES);
        } catch (InvalidJsonException e) {
            throw new EventRejectedException(RejectionReason.MALFORMED, "the record value is not one JSON object: "
                    + e.getMessage());
        }
    }

    private static CloudEvent validate(Attributes event, String text, boolean targetRequired,
            JsonValue data, JsonObject attributes) throws EventRejectedException {
        String specVersion = requiredString(event, SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new EventRejectedException(RejectionReason.INVALID_CLOUDEVENT,
                    "specversion must be \"1.0\", was \"" + specVersion + "\"");
        }
        String id = requiredString(event, ID);
        try {
            String source = requiredString(event, SOURCE);
            String type = requiredString(event, TYPE);
            return new CloudEvent(id, source, type, target(event, targetRequired), text,
                    optionalString(event, DATASCHEMA), data, attributes);
        } catch (EventRejectedException rejected) {
            throw rejected.ofEvent(id); // operators find a rejected event by its id
        }
    }

    private static String requiredString(Attributes event, int index) throws EventRejectedException {
        String attribute = READ_ATTRIBUTES[index];
        JsonValue value = event.get(index);
        String text = textOf(value);
        if (text.isEmpty()) {
            throw new EventRejectedException(RejectionReason.INVALID_CLOUDEVENT,
                    "attribute \"" + attribute + "\" must be a non-empty string");
        }
        return text;
    }

    private static String optionalString(Attributes event, int index) throws EventRejectedException {
        String attribute = READ_ATTRIBUTES[index];
        JsonValue value = event.get(index);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        String text = textOf(value);
        if (text.isEmpty()) {
            throw new EventRejectedException(RejectionReason.INVALID_CLOUDEVENT,
                    "attribute \"" + attribute + "\" must be a non-empty string when present");
        }
        return text;
    }

    /**
     * The text of a JSON string, or "" for any other value. Read once and kept: a JSON string the parser built may
     * copy its text anew on every call.
     */
    private static String textOf(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : "";
    }

    private static Target target(Attributes event, boolean required) throws EventRejectedException {
        Target target = null;
        for (Target.Kind kind : TARGET_KINDS) {
            JsonValue value = event.get(FIRST_TARGET + kind.ordinal());
            if (value == null || value == JsonValue.NULL) {
                continue;
            }
            if (target != null) {
                throw new EventRejectedException(RejectionReason.INVALID_TARGET,
                        "more than one target attribute: " + target.kind().attribute() + " and " + kind.attribute());
            }
            String id = textOf(value);
            if (id.isEmpty() || id.length() > MAX_TARGET_ID_LENGTH) {
                throw new EventRejectedException(RejectionReason.INVALID_TARGET,
                        "\"" + kind.attribute() + "\" must be a string of 1 to " + MAX_TARGET_ID_LENGTH + " characters");
            }
            target = new Target(kind, id);
        }
        if (target == null) {
            if (!required) {
                return null;
            }
            throw new EventRejectedException(RejectionReason.NO_TARGET,
                    "the event has none of the target attributes room, sessionid, userid");
        }
        if (target.kind() == Target.Kind.ROOM && !RoomId.isValid(target.id())) {
            throw new EventRejectedException(RejectionReason.INVALID_TARGET, "invalid room id: " + RoomId.describe(target.id()));
        }
        return target;
    }

    private static final char REPLACEMENT = '\uFFFD';

    private static String utf8(byte[] value) throws EventRejectedException {
        // The String constructor is the JDK's fast path, but it replaces malformed input with U+FFFD instead of
        // failing. Text without U+FFFD had nothing replaced; only text with one (replaced or sent so) is decoded again
        // strictly.
        String text = new String(value, StandardCharsets.UTF_8);
        return text.indexOf(REPLACEMENT) < 0 ? text : strictUtf8(value);
    }

    private static String strictUtf8(byte[] value) throws EventRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new EventRejectedException(RejectionReason.MALFORMED, "the record value is not valid UTF-8");
        }
    }
}

package io.ces.domain.json;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * Reads exactly one JSON value from text that came from outside (Kafka records, client frames, request bodies).
 *
 * <p>Plain JSON-P readers accept content after the first value and keep the last of duplicate keys. Both would let
 * what CES checked differ from what it passes on (a frame carrying two {@code room} members, say), so this reader
 * rejects them. Thread-safe.
 */
public final class StrictJsonReader {

    private static final String PARSSON_REJECT_DUPLICATE_KEYS = "org.eclipse.parsson.rejectDuplicateKeys";

    private final JsonParserFactory parsers;

    public StrictJsonReader(JsonProvider json) {
        // The standard key strategy binds readers only; Parsson (Liberty's JSON-P) needs its own flag for parsers.
        this.parsers = json.createParserFactory(Map.of(
                JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
                PARSSON_REJECT_DUPLICATE_KEYS, Boolean.TRUE));
    }

    /** The one JSON value of {@code text}. */
    public JsonValue readValue(String text) throws InvalidJsonException {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new InvalidJsonException("empty JSON text");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new InvalidJsonException("content after the JSON value");
            }
            return value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new InvalidJsonException(e.getMessage());
        }
    }

    /** The one JSON object of {@code text}. */
    public JsonObject readObject(String text) throws InvalidJsonException {
        JsonValue value = readValue(text);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidJsonException("not a JSON object");
    }

    /**
     * Checks {@code text} as {@link #readObject} does (one JSON object, no trailing content, no duplicate key at any
     * depth) without building it, and answers only its top-level members named in {@code names}: strings, numbers
     * and literals as read, objects and arrays as empty ones (checked, not kept). Cheaper than building the whole
     * object when only a few attributes are needed.
     */
    public Map<String, JsonValue> readMembers(String text, Set<String> names) throws InvalidJsonException {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new InvalidJsonException("empty JSON text");
            }
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidJsonException("not a JSON object");
            }
            Map<String, JsonValue> members = new HashMap<>(16);
            Set<String> topKeys = new HashSet<>(16);
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = parser.getString(); // the parser allows only a key or the end here
                if (!topKeys.add(key)) {
                    throw new InvalidJsonException("duplicate key '" + key + "'");
                }
                JsonParser.Event value = parser.next();
                boolean kept = names.contains(key);
                if (value == JsonParser.Event.START_OBJECT) {
                    checkNested(parser, true);
                    if (kept) {
                        members.put(key, JsonValue.EMPTY_JSON_OBJECT);
                    }
                } else if (value == JsonParser.Event.START_ARRAY) {
                    checkNested(parser, false);
                    if (kept) {
                        members.put(key, JsonValue.EMPTY_JSON_ARRAY);
                    }
                } else if (kept) {
                    members.put(key, parser.getValue());
                }
            }
            if (parser.hasNext()) {
                throw new InvalidJsonException("content after the JSON value");
            }
            return members;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new InvalidJsonException(e.getMessage());
        }
    }

    /** Reads past the object or array just started, rejecting a duplicate key in it or in anything it contains. */
    private static void checkNested(JsonParser parser, boolean object) throws InvalidJsonException {
        ArrayDeque<Set<String>> keysPerObject = new ArrayDeque<>();
        // an array has no keys: a marker set that is never added to keeps the nesting in step
        keysPerObject.push(object ? new HashSet<>() : Set.of());
        while (!keysPerObject.isEmpty()) {
            switch (parser.next()) {
                case START_OBJECT -> keysPerObject.push(new HashSet<>());
                case START_ARRAY -> keysPerObject.push(Set.of());
                case END_OBJECT, END_ARRAY -> keysPerObject.pop();
                case KEY_NAME -> {
                    String key = parser.getString();
                    if (!keysPerObject.peek().add(key)) {
                        throw new InvalidJsonException("duplicate key '" + key + "'");
                    }
                }
                default -> {
                    // a scalar: the parser checked it
                }
            }
        }
    }

    /** The text is not exactly one valid JSON value (or object) without duplicate keys. */
    public static final class InvalidJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        public InvalidJsonException(String message) {
            super(message, null, false, false);
        }
    }
}

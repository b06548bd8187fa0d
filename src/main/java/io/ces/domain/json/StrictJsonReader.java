package io.ces.domain.json;

import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;

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

    /** The text is not exactly one valid JSON value (or object) without duplicate keys. */
    public static final class InvalidJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        public InvalidJsonException(String message) {
            super(message, null, false, false);
        }
    }
}

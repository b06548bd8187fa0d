package io.ces.domain.json;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Arrays;
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
    private final JsonProvider json;

    public StrictJsonReader(JsonProvider json) {
        this.json = json;
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
     * depth) without building it, and answers only its top-level members named in {@code names}, at the same index:
     * strings, numbers and literals as read, objects and arrays as empty ones (checked, not kept), null where the
     * member is absent. Cheaper than building the whole object when only a few attributes are needed: the reader of
     * every Kafka record uses it. For a few names; each key is compared with each of them.
     */
    public JsonValue[] readMembers(String text, String... names) throws InvalidJsonException {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new InvalidJsonException("empty JSON text");
            }
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidJsonException("not a JSON object");
            }
            JsonValue[] members = new JsonValue[names.length];
            ObjectKeys topKeys = new ObjectKeys();
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = parser.getString(); // the parser allows only a key or the end here
                topKeys.add(key);
                JsonParser.Event value = parser.next();
                int kept = indexOf(names, key);
                if (value == JsonParser.Event.START_OBJECT) {
                    checkNested(parser, true);
                    if (kept >= 0) {
                        members[kept] = JsonValue.EMPTY_JSON_OBJECT;
                    }
                } else if (value == JsonParser.Event.START_ARRAY) {
                    checkNested(parser, false);
                    if (kept >= 0) {
                        members[kept] = JsonValue.EMPTY_JSON_ARRAY;
                    }
                } else if (kept >= 0) {
                    // a string as a String: the parser's own JSON string copies its text on every read of it
                    members[kept] = value == JsonParser.Event.VALUE_STRING ? json.createValue(parser.getString())
                            : parser.getValue();
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

    private static int indexOf(String[] names, String key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].length() == key.length() && names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads past the object or array just started, rejecting a duplicate key in it or in anything it contains. */
    private static void checkNested(JsonParser parser, boolean object) throws InvalidJsonException {
        ArrayDeque<ObjectKeys> keysPerObject = new ArrayDeque<>();
        // an array has no keys: a marker that is never added to keeps the nesting in step
        keysPerObject.push(object ? new ObjectKeys() : ObjectKeys.ARRAY);
        while (!keysPerObject.isEmpty()) {
            switch (parser.next()) {
                case START_OBJECT -> keysPerObject.push(new ObjectKeys());
                case START_ARRAY -> keysPerObject.push(ObjectKeys.ARRAY);
                case END_OBJECT, END_ARRAY -> keysPerObject.pop();
                case KEY_NAME -> keysPerObject.peek().add(parser.getString());
                default -> {
                    // a scalar: the parser checked it
                }
            }
        }
    }

    /**
     * The keys of one object read so far, to reject a duplicate. An event's objects have a handful of keys, each a
     * new string: comparing it with the few before costs less than hashing it into a set, which a profile of the
     * reading thread put at a fifth of decoding. Beyond {@link #COMPARED_KEYS} keys, a set takes over, so that an
     * object with very many keys costs no more than before.
     */
    private static final class ObjectKeys {

        private static final int COMPARED_KEYS = 16;
        static final ObjectKeys ARRAY = new ObjectKeys();

        private String[] compared = new String[COMPARED_KEYS / 2];
        private int count;
        private Set<String> hashed;

        void add(String key) throws InvalidJsonException {
            boolean added;
            if (hashed != null) {
                added = hashed.add(key);
            } else if (count < COMPARED_KEYS) {
                added = true;
                for (int i = 0; i < count && added; i++) {
                    added = !compared[i].equals(key);
                }
                if (added) {
                    if (count == compared.length) {
                        compared = Arrays.copyOf(compared, COMPARED_KEYS);
                    }
                    compared[count++] = key;
                }
            } else {
                hashed = new HashSet<>(Arrays.asList(compared));
                added = hashed.add(key);
            }
            if (!added) {
                throw new InvalidJsonException("duplicate key '" + key + "'");
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

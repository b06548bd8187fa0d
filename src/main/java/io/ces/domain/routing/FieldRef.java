package io.ces.domain.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A value of an event that a rule names, in one of three forms:
 * <ul>
 * <li>a CloudEvent attribute by name: {@code type}, {@code source}, {@code subject}, or an extension such as
 * {@code tenant};</li>
 * <li>a Kafka record header: {@code header:x-internal};</li>
 * <li>a field of the data: {@code data.customer.id} (dotted path) or {@code data/customer/id} (JSON pointer, with
 * {@code ~0} and {@code ~1} escapes, for names that contain dots).</li>
 * </ul>
 * A value is read as text: a string as it is, a number as written in JSON, {@code true} or {@code false}. Null,
 * objects, arrays and anything absent read as no value.
 */
final class FieldRef {

    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9]{1,20}");
    private static final String HEADER = "header:";

    private enum Kind { ATTRIBUTE, HEADER, DATA }

    private final String text;
    private final Kind kind;
    private final String name;
    private final String[] path;

    private FieldRef(String text, Kind kind, String name, String[] path) {
        this.text = text;
        this.kind = kind;
        this.name = name;
        this.path = path;
    }

    /** Reads a reference, or explains why it is not one. */
    static FieldRef parse(String text) throws IllegalArgumentException {
        if (text.startsWith(HEADER)) {
            String header = text.substring(HEADER.length());
            if (header.isEmpty()) {
                throw new IllegalArgumentException("\"" + text + "\" names no header");
            }
            return new FieldRef(text, Kind.HEADER, header, null);
        }
        if (text.startsWith("data.")) {
            String[] path = text.substring("data.".length()).split("\\.", -1);
            for (String step : path) {
                if (step.isEmpty()) {
                    throw new IllegalArgumentException("\"" + text + "\" has an empty step in its path");
                }
            }
            return new FieldRef(text, Kind.DATA, null, path);
        }
        if (text.startsWith("data/")) {
            String[] path = text.substring("data/".length()).split("/", -1);
            for (int i = 0; i < path.length; i++) {
                path[i] = path[i].replace("~1", "/").replace("~0", "~");
            }
            return new FieldRef(text, Kind.DATA, null, path);
        }
        if (text.equals("data")) {
            return new FieldRef(text, Kind.DATA, null, new String[0]);
        }
        if (!ATTRIBUTE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is neither a CloudEvent attribute name (a-z, 0-9), "
                    + "header:<name>, data.<path> nor data/<JSON pointer>");
        }
        return new FieldRef(text, Kind.ATTRIBUTE, text, null);
    }

    /** The value as text, or null when the event has none. */
    String valueIn(EventFacts facts) {
        return switch (kind) {
            case HEADER -> facts.headers().get(name);
            case ATTRIBUTE -> text(facts.attributes().get(name));
            case DATA -> text(walk(facts.attributes().get("data")));
        };
    }

    private JsonValue walk(JsonValue value) {
        for (String step : path) {
            if (value instanceof JsonObject object) {
                value = object.get(step);
            } else if (value instanceof jakarta.json.JsonArray array && isIndex(step)) {
                int index = Integer.parseInt(step);
                value = index < array.size() ? array.get(index) : null;
            } else {
                return null;
            }
        }
        return value;
    }

    private static boolean isIndex(String step) {
        if (step.isEmpty() || step.length() > 9) {
            return false;
        }
        for (int i = 0; i < step.length(); i++) {
            if (step.charAt(i) < '0' || step.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static String text(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        if (value == JsonValue.TRUE) {
            return "true";
        }
        if (value == JsonValue.FALSE) {
            return "false";
        }
        return null;
    }

    /** The path steps of a data reference, for tests. */
    List<String> path() {
        return path == null ? List.of() : new ArrayList<>(List.of(path));
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.ces.interfaces.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.json.StrictJsonReader;
import io.ces.domain.json.StrictJsonReader.InvalidJsonException;

/**
 * Reads JSON request bodies strictly, answering every mistake with a 400 problem that says which member is wrong.
 * Resources take the body as a String and read it here, so malformed JSON never reaches a framework error page.
 */
public final class JsonBodies {

    private static final StrictJsonReader READER = new StrictJsonReader(JsonProvider.provider());

    private JsonBodies() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return READER.readObject(body);
        } catch (InvalidJsonException e) {
            throw ProblemException.badRequest("the body must be one JSON object: " + e.getMessage());
        }
    }

    public static String string(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw ProblemException.badRequest("\"" + name + "\" must be a string");
    }

    public static List<String> strings(JsonObject body, String name, List<String> absent) {
        JsonValue value = body.get(name);
        if (value == null || value == JsonValue.NULL) {
            return absent;
        }
        if (!(value instanceof JsonArray array)) {
            throw ProblemException.badRequest("\"" + name + "\" must be an array of strings");
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonString string)) {
                throw ProblemException.badRequest("\"" + name + "\" must be an array of strings");
            }
            strings.add(string.getString());
        }
        return strings;
    }
}

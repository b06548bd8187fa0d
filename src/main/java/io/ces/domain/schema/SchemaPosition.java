package io.ces.domain.schema;

import java.net.URI;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A subschema and where it sits in its document: the JSON pointer that reasons cite, and the schema resource (the
 * nearest enclosing object with an {@code $id}, else the document) against which its local {@code $ref}s resolve.
 *
 * @param value the subschema, or on the way to one any JSON value
 * @param pointer where {@code value} is in the document, as a JSON pointer ({@code ""} for the document itself)
 * @param resource the schema resource that contains {@code value}
 * @param resourcePointer where {@code resource} is in the document
 */
record SchemaPosition(JsonValue value, String pointer, JsonValue resource, String resourcePointer) {

    /** The whole document. */
    static SchemaPosition root(JsonValue document) {
        return new SchemaPosition(document, "", document, "");
    }

    /** A schema that is in no document, such as the {@code true} that stands for "old said nothing here". */
    static SchemaPosition detached(JsonValue schema) {
        return root(schema);
    }

    /** The value reached by following {@code tokens} (member names, or indexes of arrays) from this one. */
    SchemaPosition at(String... tokens) {
        JsonValue current = value;
        StringBuilder path = new StringBuilder(pointer);
        JsonValue currentResource = resource;
        String currentResourcePointer = resourcePointer;
        for (String token : tokens) {
            current = member(current, token)
                    .orElseThrow(() -> new IllegalArgumentException("no " + token + " at " + pointer));
            path.append('/').append(escape(token));
            if (startsResource(current)) {
                currentResource = current;
                currentResourcePointer = path.toString();
            }
        }
        return new SchemaPosition(current, path.toString(), currentResource, currentResourcePointer);
    }

    /**
     * The subschema a {@code $ref} points to, if it is a JSON pointer within this document ({@code "#/$defs/money"},
     * or the same behind the resource's own {@code $id}); empty for anything else, which this check cannot follow.
     */
    Optional<SchemaPosition> resolve(String reference) {
        Optional<String> fragment = localFragment(reference);
        if (fragment.isEmpty() || !(fragment.get().isEmpty() || fragment.get().startsWith("/"))) {
            return Optional.empty(); // another document, or a named anchor
        }
        JsonValue current = resource;
        StringBuilder path = new StringBuilder(resourcePointer);
        JsonValue currentResource = resource;
        String currentResourcePointer = resourcePointer;
        if (!fragment.get().isEmpty()) {
            for (String escaped : fragment.get().substring(1).split("/", -1)) {
                String token = unescape(escaped);
                Optional<JsonValue> next = member(current, token);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                current = next.get();
                path.append('/').append(escape(token));
                if (startsResource(current)) {
                    currentResource = current;
                    currentResourcePointer = path.toString();
                }
            }
        }
        if (!isSchema(current)) {
            return Optional.empty();
        }
        return Optional.of(new SchemaPosition(current, path.toString(), currentResource, currentResourcePointer));
    }

    /** Whether {@code value} can be a schema at all: an object, {@code true} or {@code false}. */
    static boolean isSchema(JsonValue value) {
        return value instanceof JsonObject
                || value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE;
    }

    /** A member name or array index as a JSON pointer token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private Optional<String> localFragment(String reference) {
        String local = reference;
        if (resource instanceof JsonObject object && object.get("$id") instanceof JsonString id) {
            String base = id.getString().replaceFirst("#$", "");
            if (!base.isEmpty() && reference.startsWith(base)) {
                local = reference.substring(base.length());
                local = local.isEmpty() ? "#" : local;
            }
        }
        if (!local.startsWith("#")) {
            return Optional.empty();
        }
        try {
            // The fragment is URI-encoded: "#/$defs/caf%C3%A9" names the member "café".
            return Optional.of(URI.create(local).getFragment());
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    private static Optional<JsonValue> member(JsonValue container, String token) {
        if (container instanceof JsonObject object) {
            return Optional.ofNullable(object.get(token));
        }
        if (container instanceof JsonArray array && token.matches("0|[1-9][0-9]{0,8}")) {
            int index = Integer.parseInt(token);
            return index < array.size() ? Optional.of(array.get(index)) : Optional.empty();
        }
        return Optional.empty();
    }

    // Only a schema's $id is a string; a property that happens to be named "$id" maps to a schema object.
    private static boolean startsResource(JsonValue value) {
        return value instanceof JsonObject object && object.get("$id") instanceof JsonString;
    }
}

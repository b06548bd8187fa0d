package io.ces.domain.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.networknt.schema.SpecificationVersion;

import io.ces.domain.schema.JsonText.NotJsonException;
import tools.jackson.databind.JsonNode;

/**
 * One schema file as read from the folder, before compiling: the type and version its name declares, its text, its
 * JSON and the id a CloudEvent names it by.
 */
record SchemaSource(String fileName, String type, int version, String id, String text, JsonNode json) {

    static final String DRAFT_2020_12 = SpecificationVersion.DRAFT_2020_12.getDialectId();

    /** Reads the file; a problem is a {@link SchemaLoadException} that names the file. */
    static SchemaSource read(Path file) {
        String fileName = file.getFileName().toString();
        SchemaFileName name = SchemaFileName.parse(fileName).orElseThrow(() -> SchemaLoadException.inFile(fileName,
                "the name does not follow <event-type>.v<N>.json (N a positive integer without leading zeros)"));
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw SchemaLoadException.inFile(fileName, "unreadable (" + e + ")");
        }
        JsonNode json;
        try {
            json = JsonText.read(text);
        } catch (NotJsonException e) {
            throw SchemaLoadException.inFile(fileName, "not JSON: " + e.getMessage());
        }
        requireDraft202012(fileName, json);
        return new SchemaSource(fileName, name.type(), name.version(), idOf(fileName, name, json), text, json);
    }

    /**
     * Another draft would validate differently from what the schema's author tested against; CES supports one, so
     * a declared {@code $schema} must be that one. Without {@code $schema} the schema is read as draft 2020-12.
     */
    private static void requireDraft202012(String fileName, JsonNode json) {
        JsonNode declared = json.isObject() ? json.get("$schema") : null;
        if (declared == null) {
            return;
        }
        if (!declared.isString() || !SchemaIds.canonical(declared.stringValue()).equals(DRAFT_2020_12)) {
            throw SchemaLoadException.inFile(fileName, "declares $schema " + declared + ", but only draft 2020-12 ("
                    + DRAFT_2020_12 + ") is supported");
        }
    }

    private static String idOf(String fileName, SchemaFileName name, JsonNode json) {
        JsonNode declared = json.isObject() ? json.get("$id") : null;
        if (declared == null) {
            return SchemaIds.fallback(name.type(), name.version());
        }
        if (!declared.isString() || declared.stringValue().isBlank()) {
            throw SchemaLoadException.inFile(fileName, "$id must be a non-empty URI string, not " + declared);
        }
        return SchemaIds.canonical(declared.stringValue());
    }
}

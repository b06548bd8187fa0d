package io.ces.domain.schema;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;

import io.ces.domain.schema.JsonText.NotJsonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One compiled schema of the catalog. The compiled {@link Schema} is shared by every consumer thread: it was fully
 * initialized (references resolved) before it got here, after which validating is thread-safe.
 */
record RegisteredSchema(String type, int version, String id, String text, Schema compiled) {

    /** Enough to fix the event; a dead letter carrying every error of a large document helps no one. */
    static final int MAX_ERRORS = 20;

    /** Checks {@code dataJson}, the event's data as JSON text; {@code null} (no data) is checked as JSON null. */
    SchemaVerdict validate(String dataJson) {
        JsonNode data;
        if (dataJson == null) {
            data = NullNode.getInstance();
        } else {
            try {
                data = JsonText.read(dataJson);
            } catch (NotJsonException e) {
                return SchemaVerdict.invalid(id, List.of("(root): data is not JSON: " + e.getMessage()));
            }
        }
        List<Error> errors = compiled.validate(data);
        if (errors.isEmpty()) {
            return SchemaVerdict.valid(id);
        }
        return SchemaVerdict.invalid(id, Violations.describe(errors, MAX_ERRORS));
    }
}

package io.ces.domain.schema;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SchemaCatalog} found about one event's data.
 *
 * @param status whether the data was checked and how it fared
 * @param schemaId the id of the schema the data was checked against (for {@code INVALID} because of an unregistered
 *     {@code dataschema}, the URI the event named); {@code null} when not checked
 * @param errors readable reasons, each an instance location and a message; empty unless {@code INVALID}
 */
public record SchemaVerdict(Status status, String schemaId, List<String> errors) {

    /** Whether and how the data was checked. */
    public enum Status {
        /** No registered schema applies to the event. */
        NOT_CHECKED,
        /** The data conforms to the schema. */
        VALID,
        /** The data does not conform, or the event names a schema that is not registered for its type. */
        INVALID
    }

    private static final SchemaVerdict NOT_CHECKED = new SchemaVerdict(Status.NOT_CHECKED, null, List.of());

    public SchemaVerdict {
        Objects.requireNonNull(status, "status");
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (status == Status.NOT_CHECKED && (schemaId != null || !errors.isEmpty())) {
            throw new IllegalArgumentException("an unchecked verdict has neither schema id nor errors");
        }
        if (status != Status.NOT_CHECKED && schemaId == null) {
            throw new IllegalArgumentException("a checked verdict names its schema id");
        }
        if ((status == Status.INVALID) == errors.isEmpty()) {
            throw new IllegalArgumentException("errors are present exactly when the verdict is invalid");
        }
    }

    public static SchemaVerdict notChecked() {
        return NOT_CHECKED;
    }

    public static SchemaVerdict valid(String schemaId) {
        return new SchemaVerdict(Status.VALID, schemaId, List.of());
    }

    public static SchemaVerdict invalid(String schemaId, List<String> errors) {
        return new SchemaVerdict(Status.INVALID, schemaId, errors);
    }

    /** Whether the event should be refused (dead-lettered) for its data or its {@code dataschema}. */
    public boolean invalid() {
        return status == Status.INVALID;
    }
}

package io.ces.domain.schema;

import jakarta.json.JsonValue;

/**
 * An old and a new subschema, told apart by identity rather than content: the same text at two places of a document
 * may mean different things (its {@code $ref}s resolve against different resources). Used to notice that a
 * comparison has come back to a pair it is already comparing, which recursive schemas do.
 */
record SubschemaPair(JsonValue old, JsonValue neu) {

    @Override
    public boolean equals(Object other) {
        return other instanceof SubschemaPair pair && pair.old == old && pair.neu == neu;
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(old) + System.identityHashCode(neu);
    }
}

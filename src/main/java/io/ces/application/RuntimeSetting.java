package io.ces.application;

import jakarta.json.JsonObject;

/**
 * A runtime setting as it applies on this replica.
 *
 * @param document the JSON document in force
 * @param version the control topic's version (record offset) of the document, or -1 when it comes from configuration
 */
public record RuntimeSetting(JsonObject document, long version) {

    public boolean fromConfiguration() {
        return version < 0;
    }
}

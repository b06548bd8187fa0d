package io.ces.domain.schema;

/** How a schema is named: by its {@code $id}, or by a URN made from its file name when it declares none. */
final class SchemaIds {

    private SchemaIds() {
    }

    static String fallback(String type, int version) {
        return "urn:ces:schema:" + type + ":v" + version;
    }

    /**
     * The id without an empty fragment: {@code https://x/s#} and {@code https://x/s} name the same schema resource,
     * and producers write {@code dataschema} either way.
     */
    static String canonical(String uri) {
        return uri.endsWith("#") ? uri.substring(0, uri.length() - 1) : uri;
    }
}

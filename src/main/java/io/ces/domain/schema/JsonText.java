package io.ces.domain.schema;

import com.networknt.schema.serialization.JsonMapperFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads one JSON value into the tree the validator works on.
 *
 * <p>It starts from the validator's own mapper, so that numbers are read as the validator expects, and adds what
 * that mapper lets through: duplicate keys (the last would win, so the schema would see other data than the
 * consumer) and content after the value. Thread-safe.
 */
final class JsonText {

    private static final ObjectReader STRICT_READER = JsonMapperFactory.getInstance().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** The JSON value of {@code text}; the exception's message says what is wrong, without the input. */
    static JsonNode read(String text) throws NotJsonException {
        JsonNode node;
        try {
            node = STRICT_READER.readTree(text);
        } catch (JacksonException e) {
            throw new NotJsonException(e.getOriginalMessage());
        }
        // Jackson reads blank text as a "missing" node, which every schema would accept.
        if (node == null || node.isMissingNode()) {
            throw new NotJsonException("no JSON value");
        }
        return node;
    }

    /** The text is not exactly one JSON value without duplicate keys. */
    static final class NotJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        NotJsonException(String message) {
            super(message, null, false, false);
        }
    }
}

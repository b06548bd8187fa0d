package io.ces.domain.delivery;

import java.io.StringReader;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The conflation key of an event: its {@code conflationkey} CloudEvents extension attribute when it has one (the
 * producer names what an update replaces, e.g. one instrument of a ticker room), otherwise its Kafka record key.
 * An extension that is not a non-empty string is ignored. An event with neither has no key and is never conflated.
 */
public final class ConflationKeys {

    /** The CloudEvents extension attribute (in binary mode the {@code ce_conflationkey} header) that names the key. */
    public static final String EXTENSION = "conflationkey";

    private static final String QUOTED_EXTENSION = '"' + EXTENSION + '"';
    /** Looked up once: every lookup through {@code Json} scans the service loader. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ConflationKeys() {
    }

    public static String of(String recordKey, String eventJson) {
        // Most events carry no extension: a substring check spares them a parse.
        if (eventJson.contains(QUOTED_EXTENSION)) {
            String extension = extension(eventJson);
            if (extension != null) {
                return extension;
            }
        }
        return recordKey == null || recordKey.isEmpty() ? null : recordKey;
    }

    /** The top-level {@code conflationkey} string of the event, or null. */
    private static String extension(String eventJson) {
        try (JsonParser parser = JSON.createParser(new StringReader(eventJson))) {
            int depth = 0;
            while (parser.hasNext()) {
                JsonParser.Event next = parser.next();
                switch (next) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        if (depth == 1 && EXTENSION.equals(parser.getString())) {
                            JsonParser.Event value = parser.next();
                            if (value == JsonParser.Event.VALUE_STRING && !parser.getString().isEmpty()) {
                                return parser.getString();
                            }
                            return null;
                        }
                    }
                    default -> {
                        // values of other attributes
                    }
                }
            }
        }
        return null;
    }
}

package io.ces.domain.event;

import java.util.function.BiConsumer;

/** Read access to the headers of an inbound record, decoded as UTF-8 text. */
public interface EventHeaders {

    EventHeaders NONE = new EventHeaders() {
        @Override
        public String get(String name) {
            return null;
        }

        @Override
        public void forEach(BiConsumer<String, String> action) {
            // no headers
        }
    };

    /** The last value of the header, or null when the record has no such header. */
    String get(String name);

    void forEach(BiConsumer<String, String> action);
}

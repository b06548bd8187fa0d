package io.ces.infrastructure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.ces.domain.event.EventHeaders;

/** Kafka record headers seen as text; a structured-mode record pays only for one header lookup. */
final class KafkaEventHeaders implements EventHeaders {

    private final Headers headers;

    KafkaEventHeaders(Headers headers) {
        this.headers = headers;
    }

    /** The headers as Kafka holds them, byte for byte, for a dead letter to carry unchanged. */
    Headers raw() {
        return headers;
    }

    @Override
    public String get(String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        for (Header header : headers) {
            action.accept(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
    }
}

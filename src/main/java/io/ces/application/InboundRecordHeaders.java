package io.ces.application;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.context.propagation.TextMapGetter;

import io.ces.domain.event.InboundRecord;

/**
 * Lets OpenTelemetry's propagators read a record's headers, where producers instrumented with OpenTelemetry write the
 * W3C {@code traceparent} and {@code tracestate}.
 */
enum InboundRecordHeaders implements TextMapGetter<InboundRecord> {
    INSTANCE;

    @Override
    public Iterable<String> keys(InboundRecord record) {
        List<String> names = new ArrayList<>();
        record.headers().forEach((name, value) -> names.add(name));
        return names;
    }

    @Override
    public String get(InboundRecord record, String key) {
        return record == null ? null : record.headers().get(key);
    }
}

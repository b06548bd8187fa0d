package io.ces.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;
import io.ces.domain.event.Target;
import io.ces.infrastructure.logging.TraceLogFields;

/**
 * One CONSUMER span per routed record, "ces.route &lt;topic&gt;", the child of the trace context its producer wrote
 * into the record's headers, with the attributes of OpenTelemetry's messaging conventions. There is no span per
 * recipient. With OpenTelemetry disabled (the MicroProfile Telemetry default) the injected instances are no-ops:
 * extraction returns the root context, the span is not recording, and no attribute is built.
 */
@ApplicationScoped
public class EventTracing {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.message.offset");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> TARGET_KIND = AttributeKey.stringKey("ces.target.kind");
    static final AttributeKey<Long> RECIPIENTS = AttributeKey.longKey("ces.recipients");
    static final AttributeKey<String> REJECTION = AttributeKey.stringKey("ces.rejection.reason");
    static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("ces.duplicate");
    static final AttributeKey<Boolean> RETRYING = AttributeKey.booleanKey("ces.retrying");

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    Tracer tracer;

    @Inject
    TraceLogFields traceLogFields;

    private final Map<String, String> spanNames = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        traceLogFields.register(); // before the first record is routed, so that its log lines carry its trace id
    }

    /**
     * Makes the container create the OpenTelemetry instances now, on the calling container thread: they are created
     * at their first use, and a consumer's plain thread cannot create them (no component context).
     */
    void prepare() {
        openTelemetry.getPropagators();
        tracer.spanBuilder("ces.prepare"); // a builder only: no span is started
    }

    /** Starts the record's span; the caller makes it current while routing and ends it. */
    public Span startRoute(InboundRecord record) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), record, InboundRecordHeaders.INSTANCE);
        Span span = tracer.spanBuilder(spanNames.computeIfAbsent(record.topic(), topic -> "ces.route " + topic))
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(SYSTEM, "kafka");
            span.setAttribute(OPERATION, "process");
            span.setAttribute(DESTINATION, record.topic());
            span.setAttribute(PARTITION, Integer.toString(record.partition()));
            span.setAttribute(OFFSET, record.offset());
        }
        return span;
    }

    public void decoded(Span span, String eventId, Target target) {
        if (span.isRecording()) {
            span.setAttribute(MESSAGE_ID, eventId);
            if (target != null) { // null: routing rules decide
                span.setAttribute(TARGET_KIND, target.kind().attribute());
            }
        }
    }

    public void routed(Span span, int recipients) {
        if (span.isRecording()) {
            span.setAttribute(RECIPIENTS, recipients);
        }
    }

    public void duplicate(Span span) {
        if (span.isRecording()) {
            span.setAttribute(DUPLICATE, true);
        }
    }

    /** The record waits for a retry: the span ends now, and the retry's log lines keep its trace id. */
    public void retrying(Span span) {
        if (span.isRecording()) {
            span.setAttribute(RETRYING, true);
        }
    }

    public void rejected(Span span, String eventId, RejectionReason reason) {
        if (span.isRecording()) {
            if (eventId != null) {
                span.setAttribute(MESSAGE_ID, eventId);
            }
            span.setAttribute(REJECTION, reason.code());
            span.setStatus(StatusCode.ERROR, reason.code());
        }
    }
}

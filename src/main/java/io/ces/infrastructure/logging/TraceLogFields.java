package io.ces.infrastructure.logging;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import com.ibm.websphere.logging.hpel.LogRecordContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Adds the current OpenTelemetry trace and span id to every log record written on a thread that has a span
 * ({@code ext_traceId}, {@code ext_spanId} in JSON logs). The values are read only when a line is logged, so the
 * routing path pays nothing for them. Without a valid span (tracing disabled, or no span) the fields are left out.
 */
@ApplicationScoped
public class TraceLogFields {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private static final Logger LOG = Logger.getLogger(TraceLogFields.class.getName());

    // LogRecordContext holds extensions weakly: these fields keep them registered while the application runs.
    private final LogRecordContext.Extension traceId = () -> valid(Span.current().getSpanContext(), true);
    private final LogRecordContext.Extension spanId = () -> valid(Span.current().getSpanContext(), false);

    private boolean registered;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        register();
    }

    /**
     * Registers the fields; idempotent. The routing service calls it too, because the Kafka connector may route
     * records before the application's start is announced.
     */
    public synchronized void register() {
        if (!registered) {
            register(TRACE_ID, traceId);
            register(SPAN_ID, spanId);
            registered = true;
        }
    }

    @PreDestroy
    synchronized void unregister() {
        registered = false;
        LogRecordContext.unregisterExtension(TRACE_ID);
        LogRecordContext.unregisterExtension(SPAN_ID);
    }

    private static void register(String key, LogRecordContext.Extension extension) {
        // a previous deployment that did not stop cleanly may still hold the key
        LogRecordContext.unregisterExtension(key);
        try {
            LogRecordContext.registerExtension(key, extension);
        } catch (IllegalArgumentException taken) {
            LOG.log(Level.FINE, "log field " + key + " is registered by someone else", taken);
        }
    }

    static String valid(SpanContext context, boolean trace) {
        if (!context.isValid()) {
            return null;
        }
        return trace ? context.getTraceId() : context.getSpanId();
    }
}

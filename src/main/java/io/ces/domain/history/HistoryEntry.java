package io.ces.domain.history;

/** One recorded event: its position in its stream, when it was recorded, and its JSON as clients receive it. */
public record HistoryEntry(long seq, long recordedAtMillis, String eventJson) {

    /** What the entry costs against the byte limit: the event JSON, roughly one byte per character. */
    long bytes() {
        return eventJson.length();
    }
}

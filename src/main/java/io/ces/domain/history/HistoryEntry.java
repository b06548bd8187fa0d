package io.ces.domain.history;

/** One recorded event: its position in its stream, when it was recorded, and its JSON as clients receive it. */
public record HistoryEntry(long seq, long recordedAtMillis, String eventJson) {

    /**
     * What one entry adds to the heap besides its JSON's characters: this record (32 bytes), the string and its
     * array's headers (40), the stream's slot for it and alignment (8). A million entries of 100, 200 and 400
     * characters took 182, 278 and 480 bytes each of used heap after a full GC (HotSpot 17, compressed pointers).
     * A string with characters beyond Latin-1 takes two bytes per character, which {@link #heapBytes()} does not
     * count.
     */
    static final int OVERHEAD_BYTES = 80;

    /** What the entry costs against the per-stream byte limit: the event JSON, roughly one byte per character. */
    long bytes() {
        return eventJson.length();
    }

    /** What the entry costs against the limit on the whole history's heap. */
    long heapBytes() {
        return eventJson.length() + OVERHEAD_BYTES;
    }
}

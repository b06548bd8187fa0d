package io.ces.domain.delivery;

import java.io.Serializable;

/**
 * Where a cursor stands: the last seq delivered, and the partition it is an offset of (null topic when the cursor
 * has not learned its partition yet). Kept in the shared session state, so another replica can continue from it.
 */
public record CursorPosition(String topic, int partition, long seq) implements Serializable {

    public static final CursorPosition START = new CursorPosition(null, -1, -1);
}

package io.ces.domain.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * A socket that takes every write at once, as a client reading as fast as it can, and keeps the frames it was
 * handed (the very same objects, in order) and the close codes; {@link #stall} holds the writes instead, as a
 * client that stopped reading.
 */
public final class RecordingSink implements FrameSink {

    public final List<String> frames = new ArrayList<>();
    public final List<CloseCode> closes = new ArrayList<>();
    /** The writes held while {@link #stall} is set. */
    public final List<WriteCallback> stalled = new ArrayList<>();
    public boolean stall;

    @Override
    public void write(String frame, WriteCallback done) {
        frames.add(frame);
        if (stall) {
            stalled.add(done);
        } else {
            done.written(null);
        }
    }

    @Override
    public void ping() {
        // a ping is no frame of the protocol: nothing to keep
    }

    @Override
    public void close(CloseCode code) {
        closes.add(code);
    }
}

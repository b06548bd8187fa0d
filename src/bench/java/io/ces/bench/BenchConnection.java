package io.ces.bench;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;

/**
 * One benchmark client: its rooms, what it received, and what it needs to resume. Updated only by its channel's
 * event-loop thread; counters read by the reporter are atomic.
 */
final class BenchConnection {

    final int index;
    final String token;
    final String[] rooms;
    final long[] lastSeq;
    /** The last per-room event number received; the producer numbers each room's events 0, 1, 2, ... */
    final long[] lastNumber;
    final AtomicLong lost = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    volatile Channel channel;
    volatile String session;
    volatile String resumeToken;
    volatile int subscribed;
    volatile boolean recovered;
    volatile long recoveredAtNanos;

    BenchConnection(int index, String token, String[] rooms) {
        this.index = index;
        this.token = token;
        this.rooms = rooms;
        this.lastSeq = new long[rooms.length];
        this.lastNumber = new long[rooms.length];
        java.util.Arrays.fill(lastSeq, -1);
        java.util.Arrays.fill(lastNumber, -1);
    }

    /** Records event {@code number} of room {@code room}: a gap is a loss, a repeat a duplicate. */
    void received(int room, long seq, long number) {
        long expected = lastNumber[room] + 1;
        if (number < expected) {
            duplicates.incrementAndGet();
            return;
        }
        if (number > expected) {
            lost.addAndGet(number - expected);
        }
        lastNumber[room] = number;
        lastSeq[room] = seq;
        received.incrementAndGet();
    }

    int roomIndex(CharSequence room) {
        for (int i = 0; i < rooms.length; i++) {
            if (rooms[i].contentEquals(room)) {
                return i;
            }
        }
        return -1;
    }

    /** A resume frame with the last seq seen per room. */
    String resumeFrame() {
        StringBuilder positions = new StringBuilder();
        for (int i = 0; i < rooms.length; i++) {
            if (lastSeq[i] >= 0) {
                positions.append(positions.length() == 0 ? "" : ",").append('"').append(rooms[i]).append("\":")
                        .append(lastSeq[i]);
            }
        }
        return "{\"type\":\"resume\",\"id\":\"r\",\"session\":\"" + session + "\",\"resumeToken\":\"" + resumeToken
                + "\",\"rooms\":{" + positions + "}}";
    }
}

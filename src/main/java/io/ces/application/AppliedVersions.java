package io.ces.application;

import java.time.Duration;

/**
 * The last version of a setting this replica applied, so that an operator's change is answered once it is in force
 * here (the other replicas take it from the control topic at the same time).
 */
final class AppliedVersions {

    private long applied = -1;

    synchronized void applied(long version) {
        if (version > applied) {
            applied = version;
        }
        notifyAll();
    }

    /** Waits until {@code version} is applied or the time is up; answers whether it was. */
    synchronized boolean await(long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied < version) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}

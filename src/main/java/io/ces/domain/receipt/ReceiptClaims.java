package io.ces.domain.receipt;

/**
 * Makes each receipt be published once across replicas: the first to claim its key publishes it. A session may
 * resume on another replica and ack again, so a local set would not do.
 */
public interface ReceiptClaims {

    /** True when the key was not claimed before; may throw when the shared store is unavailable. */
    boolean claim(String key);

    /** Gives a claim back after its receipt could not be published, so that the client's retry publishes it. */
    void release(String key);
}

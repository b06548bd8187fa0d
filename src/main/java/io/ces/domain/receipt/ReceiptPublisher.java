package io.ces.domain.receipt;

/** Where receipts go: CES's receipts topic. */
public interface ReceiptPublisher {

    /** Publishes the receipt and returns once it is written; throws when it could not be. */
    void publish(Receipt receipt);
}

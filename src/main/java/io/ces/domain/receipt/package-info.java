/**
 * Acks and read receipts: what a client may acknowledge (only what was delivered to it), the receipt it causes, and
 * its CloudEvent on the receipts topic, with an id derived from what it acknowledges so that consumers can dedupe.
 */
package io.ces.domain.receipt;

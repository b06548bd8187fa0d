package io.ces.domain.deadletter;

/**
 * Which replica writes a dead letter. Every replica reads every record, so without a claim a poison record would be
 * dead-lettered once per replica.
 */
public interface DeadLetterClaims {

    /**
     * Whether this replica should write the dead letter: it claimed it now, or it had claimed it before (it crashed
     * before committing, and now reads the record again). May throw when the shared store is unavailable.
     */
    boolean claim(String claimKey);
}

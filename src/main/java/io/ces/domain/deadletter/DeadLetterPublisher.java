package io.ces.domain.deadletter;

import java.util.concurrent.CompletionStage;

/** Where dead letters go: the dead-letter topic. */
public interface DeadLetterPublisher {

    /** Completes once the dead letter is durably stored; fails if it could not be. */
    CompletionStage<Void> publish(DeadLetter deadLetter);
}

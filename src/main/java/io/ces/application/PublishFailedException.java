package io.ces.application;

/** The broker did not acknowledge a published event; it may or may not have been written, so retry with its id. */
public class PublishFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

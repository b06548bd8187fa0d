package io.ces.domain.routing;

/**
 * Where operators' runtime settings (the rules document, the topics document) are kept for every replica and across
 * restarts. A write is durable when it returns; every replica, this one included, then receives it.
 */
public interface SettingsStore {

    /** The key of the routing rules document. */
    String ROUTING_RULES = "routing-rules";
    /** The key of the additional topics document. */
    String TOPICS = "topics";

    /**
     * Stores the JSON document under the key, or removes it when {@code json} is null (back to the configured
     * starting point), and answers the write's version, which grows with every write.
     *
     * @throws SettingsUnavailableException when the write was not acknowledged in time
     */
    long write(String key, String json);

    /** The store could not be written; nothing changed, or the change is not known to have been kept. */
    class SettingsUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public SettingsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

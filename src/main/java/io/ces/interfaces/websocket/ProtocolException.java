package io.ces.interfaces.websocket;

/** A client frame that cannot be served; it is answered with an error frame and the connection stays open. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String ref;

    public ProtocolException(String code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public String code() {
        return code;
    }

    /** The request id of the offending frame, when it had a readable one. */
    public String ref() {
        return ref;
    }
}

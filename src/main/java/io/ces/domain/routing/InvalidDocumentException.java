package io.ces.domain.routing;

import java.util.List;

/** A rules or topics document that cannot be used, with every mistake found in it (not just the first). */
public class InvalidDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> errors;

    public InvalidDocumentException(List<String> errors) {
        super(String.join("; ", errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}

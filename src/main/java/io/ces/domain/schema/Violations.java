package io.ces.domain.schema;

import java.util.List;

import com.networknt.schema.Error;

/** Readable text for the validator's errors: where in the instance, and what the validator says about it. */
final class Violations {

    private Violations() {
    }

    static List<String> describe(List<Error> errors, int limit) {
        return errors.stream().limit(limit).map(Violations::describe).toList();
    }

    private static String describe(Error error) {
        // The validator gives JSON Pointers; the root's pointer is the empty string, which reads as nothing.
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "(root)" : location) + ": " + error.getMessage();
    }
}

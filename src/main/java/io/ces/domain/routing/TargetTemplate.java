package io.ces.domain.routing;

import java.util.ArrayList;
import java.util.List;

import io.ces.domain.event.Target;
import io.ces.domain.room.RoomId;

/**
 * A target of a rule, such as room {@code customer-{data.customerId}}: literal text with placeholders, each a
 * {@link FieldRef} in braces. Resolving it for an event substitutes the event's values and checks the result is a
 * valid id of its kind (a room id for rooms; 1 to 256 characters for sessions and users).
 */
final class TargetTemplate {

    static final int MAX_ID_LENGTH = 256;

    private final Target.Kind kind;
    private final String text;
    /** Literal strings and {@link FieldRef}s, in order. */
    private final Object[] parts;
    private final Target fixed;

    private TargetTemplate(Target.Kind kind, String text, Object[] parts) {
        this.kind = kind;
        this.text = text;
        this.parts = parts;
        this.fixed = parts.length == 1 && parts[0] instanceof String literal ? new Target(kind, literal) : null;
    }

    /** Reads a template, or explains what is wrong with it. */
    static TargetTemplate parse(Target.Kind kind, String text) throws IllegalArgumentException {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder probe = new StringBuilder(); // the template with every placeholder as "x", to check the literals
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int close = text.indexOf('}', at);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new IllegalArgumentException("\"" + text + "\" has a \"}\" without \"{\" at " + close);
            }
            if (open < 0) {
                parts.add(text.substring(at));
                probe.append(text, at, text.length());
                break;
            }
            if (open > at) {
                parts.add(text.substring(at, open));
                probe.append(text, at, open);
            }
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\" has an unclosed \"{\" at " + open);
            }
            String reference = text.substring(open + 1, close);
            if (reference.indexOf('{') >= 0) {
                throw new IllegalArgumentException("\"" + text + "\" has a \"{\" inside a placeholder at " + open);
            }
            if (reference.isEmpty()) {
                throw new IllegalArgumentException("\"" + text + "\" has an empty placeholder \"{}\"");
            }
            parts.add(FieldRef.parse(reference));
            probe.append('x');
            at = close + 1;
        }
        String literalCheck = probe.toString();
        if (kind == Target.Kind.ROOM && !RoomId.isValid(literalCheck)) {
            throw new IllegalArgumentException("\"" + text + "\" cannot make a valid room id (1 to " + RoomId.MAX_LENGTH
                    + " of A-Z a-z 0-9 _ - . : @ /)");
        }
        if (literalCheck.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("\"" + text + "\" is longer than " + MAX_ID_LENGTH + " characters");
        }
        return new TargetTemplate(kind, text, parts.toArray());
    }

    /** The target for this event, or the reason there is none. */
    Target resolve(EventFacts facts) throws UnresolvedTargetException {
        if (fixed != null) {
            return fixed;
        }
        StringBuilder id = new StringBuilder(text.length() + 16);
        for (Object part : parts) {
            if (part instanceof FieldRef field) {
                String value = field.valueIn(facts);
                if (value == null || value.isEmpty()) {
                    throw new UnresolvedTargetException(kind.attribute() + " template \"" + text + "\": the event has no "
                            + "value for {" + field + "}");
                }
                id.append(value);
            } else {
                id.append((String) part);
            }
        }
        String resolved = id.toString();
        if (kind == Target.Kind.ROOM ? !RoomId.isValid(resolved) : resolved.length() > MAX_ID_LENGTH) {
            throw new UnresolvedTargetException(kind.attribute() + " template \"" + text + "\" gave an invalid "
                    + kind.attribute() + ": " + RoomId.describe(resolved));
        }
        return new Target(kind, resolved);
    }

    Target.Kind kind() {
        return kind;
    }

    String text() {
        return text;
    }

    /** Why a template gave no target for one event; cheap, it carries no stack trace. */
    static final class UnresolvedTargetException extends Exception {

        private static final long serialVersionUID = 1L;

        UnresolvedTargetException(String message) {
            super(message, null, false, false);
        }
    }
}

package io.ces.domain.routing;

/**
 * One condition of a rule: the named value equals the expected text, or, if the expected text contains {@code *},
 * matches it as a glob ({@code *} stands for any run of characters, possibly none). A missing value never matches.
 */
final class Condition {

    private final FieldRef field;
    private final String expected;
    private final String[] globParts;

    Condition(FieldRef field, String expected) {
        this.field = field;
        this.expected = expected;
        this.globParts = expected.indexOf('*') < 0 ? null : expected.split("\\*", -1);
    }

    boolean matches(EventFacts facts) {
        String actual = field.valueIn(facts);
        if (actual == null) {
            return false;
        }
        return globParts == null ? expected.equals(actual) : glob(actual);
    }

    private boolean glob(String actual) {
        String first = globParts[0];
        String last = globParts[globParts.length - 1];
        if (!actual.startsWith(first)) {
            return false;
        }
        int from = first.length();
        for (int i = 1; i < globParts.length - 1; i++) {
            int at = actual.indexOf(globParts[i], from);
            if (at < 0) {
                return false;
            }
            from = at + globParts[i].length();
        }
        return actual.length() - from >= last.length() && actual.endsWith(last);
    }

    @Override
    public String toString() {
        return field + "=" + expected;
    }
}

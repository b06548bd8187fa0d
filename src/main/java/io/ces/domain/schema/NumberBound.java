package io.ces.domain.schema;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A lower or an upper limit on numbers, as {@code minimum}, {@code maximum} or their exclusive forms set it.
 *
 * @param value the limit
 * @param exclusive whether the limit itself is excluded
 */
record NumberBound(BigDecimal value, boolean exclusive) {

    /** The tighter of two lower bounds, when there is any. */
    static Optional<NumberBound> tighterLower(Optional<NumberBound> a, Optional<NumberBound> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? a : b;
        }
        return a.get().impliesLower(b.get()) ? a : b;
    }

    /** The tighter of two upper bounds, when there is any. */
    static Optional<NumberBound> tighterUpper(Optional<NumberBound> a, Optional<NumberBound> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? a : b;
        }
        return a.get().impliesUpper(b.get()) ? a : b;
    }

    /** Whether every number this lower bound lets through, {@code other} lets through too. */
    boolean impliesLower(NumberBound other) {
        int order = value.compareTo(other.value);
        return order > 0 || (order == 0 && (exclusive || !other.exclusive));
    }

    /** Whether every number this upper bound lets through, {@code other} lets through too. */
    boolean impliesUpper(NumberBound other) {
        int order = value.compareTo(other.value);
        return order < 0 || (order == 0 && (exclusive || !other.exclusive));
    }

    String describeLower() {
        return (exclusive ? "more than " : "at least ") + value.toPlainString();
    }

    String describeUpper() {
        return (exclusive ? "less than " : "at most ") + value.toPlainString();
    }
}

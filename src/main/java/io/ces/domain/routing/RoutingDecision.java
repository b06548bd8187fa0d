package io.ces.domain.routing;

import java.util.List;

import io.ces.domain.event.Target;

/** What the rules decided for one event. */
public sealed interface RoutingDecision {

    /** No rule matched: the event goes to its own target attribute, if it has one. */
    RoutingDecision UNMATCHED = new Unmatched();

    /** No rule matched. */
    record Unmatched() implements RoutingDecision {
    }

    /** A drop rule matched: the event is filtered out on purpose (counted, not dead-lettered). */
    record Dropped(String rule) implements RoutingDecision {
    }

    /** A rule matched and gave these targets, in order, without repeats. */
    record Routed(String rule, List<Target> targets) implements RoutingDecision {
    }

    /** A rule matched but could not give a target; the event is dead-lettered with the reason. */
    record Failed(String rule, String reason) implements RoutingDecision {
    }
}

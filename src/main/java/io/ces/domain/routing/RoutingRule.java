package io.ces.domain.routing;

import java.util.ArrayList;
import java.util.List;

import io.ces.domain.event.Target;

/** One named rule: every condition must hold; then the event is dropped, or sent to each of the targets. */
final class RoutingRule {

    private final String name;
    private final Condition[] conditions;
    private final TargetTemplate[] targets;
    private final RoutingDecision dropped;

    RoutingRule(String name, List<Condition> conditions, List<TargetTemplate> targets, boolean drop) {
        this.name = name;
        this.conditions = conditions.toArray(new Condition[0]);
        this.targets = targets.toArray(new TargetTemplate[0]);
        this.dropped = drop ? new RoutingDecision.Dropped(name) : null;
    }

    String name() {
        return name;
    }

    boolean matches(EventFacts facts) {
        for (Condition condition : conditions) {
            if (!condition.matches(facts)) {
                return false;
            }
        }
        return true;
    }

    /** The decision of this rule for an event it matches. */
    RoutingDecision apply(EventFacts facts) {
        if (dropped != null) {
            return dropped;
        }
        List<Target> resolved = new ArrayList<>(targets.length);
        for (TargetTemplate template : targets) {
            try {
                Target target = template.resolve(facts);
                if (!resolved.contains(target)) {
                    resolved.add(target); // two templates giving the same target deliver once
                }
            } catch (TargetTemplate.UnresolvedTargetException unresolved) {
                return new RoutingDecision.Failed(name, "rule \"" + name + "\": " + unresolved.getMessage());
            }
        }
        return new RoutingDecision.Routed(name, List.copyOf(resolved));
    }
}

package io.ces.domain.routing;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * An immutable, ordered rule set; the first rule whose conditions all hold decides. Thread-safe: the routing thread
 * evaluates it while an operator's change replaces it with another instance.
 */
public final class RoutingRules {

    /** No rules: every event goes to its own target attribute, as without rules. */
    public static final RoutingRules NONE = new RoutingRules(List.of(),
            Json.createObjectBuilder().add("rules", JsonValue.EMPTY_JSON_ARRAY).build());

    private final RoutingRule[] rules;
    private final JsonObject document;

    RoutingRules(List<RoutingRule> rules, JsonObject document) {
        this.rules = rules.toArray(new RoutingRule[0]);
        this.document = document;
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    public int size() {
        return rules.length;
    }

    /** The document the rules were read from, to show operators. */
    public JsonObject document() {
        return document;
    }

    public RoutingDecision decide(EventFacts facts) {
        for (RoutingRule rule : rules) {
            if (rule.matches(facts)) {
                return rule.apply(facts);
            }
        }
        return RoutingDecision.UNMATCHED;
    }
}

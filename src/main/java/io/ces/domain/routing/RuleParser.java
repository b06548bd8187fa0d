package io.ces.domain.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ces.domain.event.Target;
import io.ces.domain.json.StrictJsonReader;
import io.ces.domain.json.StrictJsonReader.InvalidJsonException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Reads and validates a rules document:
 *
 * <pre>
 * {"rules": [
 *   {"name": "orders-to-customers", "when": {"type": "order.updated"}, "to": [{"room": "customer-{data.customerId}"}]},
 *   {"name": "drop-internal", "when": {"header:x-internal": "true"}, "drop": true}
 * ]}
 * </pre>
 *
 * Every mistake is reported, each with the rule's index and name: unknown fields, missing or duplicate names, a rule
 * with neither targets nor drop (or both), a target with not exactly one of room, session, user, bad placeholders,
 * room templates that cannot make a valid room id, conditions that are not text.
 */
public final class RuleParser {

    /** More rules than this are refused: every event is checked against them in turn. */
    public static final int MAX_RULES = 1000;
    /** More targets per rule than this are refused: each one is a routing of its own. */
    public static final int MAX_TARGETS = 100;

    private static final Set<String> DOCUMENT_FIELDS = Set.of("rules");
    private static final Set<String> RULE_FIELDS = Set.of("name", "description", "when", "to", "drop");
    private static final Map<String, Target.Kind> TARGET_FIELDS = Map.of("room", Target.Kind.ROOM,
            "session", Target.Kind.SESSION, "user", Target.Kind.USER);

    private final StrictJsonReader reader;

    public RuleParser(JsonProvider json) {
        this.reader = new StrictJsonReader(json);
    }

    public RoutingRules parse(String text) throws InvalidDocumentException {
        JsonObject document;
        try {
            document = reader.readObject(text);
        } catch (InvalidJsonException e) {
            throw new InvalidDocumentException(List.of("the rules document is not one JSON object: " + e.getMessage()));
        }
        return parse(document);
    }

    public RoutingRules parse(JsonObject document) throws InvalidDocumentException {
        List<String> errors = new ArrayList<>();
        unknownFields(document, DOCUMENT_FIELDS, "the rules document", errors);
        JsonValue listed = document.get("rules");
        if (!(listed instanceof JsonArray array)) {
            errors.add("\"rules\" must be an array of rules");
            throw new InvalidDocumentException(errors);
        }
        if (array.size() > MAX_RULES) {
            errors.add("at most " + MAX_RULES + " rules, found " + array.size());
        }
        List<RoutingRule> rules = new ArrayList<>(array.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            RoutingRule rule = rule(i, array.get(i), names, errors);
            if (rule != null) {
                rules.add(rule);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return rules.isEmpty() ? RoutingRules.NONE : new RoutingRules(rules, document);
    }

    private static RoutingRule rule(int index, JsonValue value, Set<String> names, List<String> errors) {
        if (!(value instanceof JsonObject rule)) {
            errors.add("rules[" + index + "]: must be an object");
            return null;
        }
        String name = rule.get("name") instanceof JsonString s ? s.getString() : null;
        String where = "rules[" + index + "]" + (name == null || name.isBlank() ? "" : " \"" + name + "\"");
        int errorsBefore = errors.size();
        unknownFields(rule, RULE_FIELDS, where, errors);
        if (name == null || name.isBlank()) {
            errors.add(where + ": \"name\" must be a non-empty string");
        } else if (!names.add(name)) {
            errors.add(where + ": the name is used by an earlier rule too");
        }
        if (rule.containsKey("description") && !(rule.get("description") instanceof JsonString)) {
            errors.add(where + ": \"description\" must be a string");
        }
        List<Condition> conditions = conditions(rule.get("when"), where, errors);
        boolean drop = false;
        JsonValue dropValue = rule.get("drop");
        if (dropValue != null && dropValue != JsonValue.FALSE) {
            if (dropValue == JsonValue.TRUE) {
                drop = true;
            } else {
                errors.add(where + ": \"drop\" must be true or false");
            }
        }
        List<TargetTemplate> targets = List.of();
        JsonValue to = rule.get("to");
        if (drop && to != null) {
            errors.add(where + ": a rule either drops (\"drop\": true) or has targets (\"to\"), not both");
        } else if (!drop) {
            targets = targets(to, where, errors);
        }
        return errors.size() == errorsBefore ? new RoutingRule(name, conditions, targets, drop) : null;
    }

    private static List<Condition> conditions(JsonValue when, String where, List<String> errors) {
        if (when == null) {
            errors.add(where + ": \"when\" is missing; use {} for a rule that matches every event");
            return List.of();
        }
        if (!(when instanceof JsonObject object)) {
            errors.add(where + ": \"when\" must be an object of conditions");
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>(object.size());
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String expected = FieldRef.text(entry.getValue());
            if (expected == null) {
                errors.add(where + ": when." + entry.getKey() + " must be a string, number or boolean");
                continue;
            }
            try {
                conditions.add(new Condition(FieldRef.parse(entry.getKey()), expected));
            } catch (IllegalArgumentException e) {
                errors.add(where + ": when: " + e.getMessage());
            }
        }
        return conditions;
    }

    private static List<TargetTemplate> targets(JsonValue to, String where, List<String> errors) {
        if (!(to instanceof JsonArray array) || array.isEmpty()) {
            errors.add(where + ": \"to\" must be a non-empty array of targets, or the rule must drop (\"drop\": true)");
            return List.of();
        }
        if (array.size() > MAX_TARGETS) {
            errors.add(where + ": at most " + MAX_TARGETS + " targets, found " + array.size());
        }
        List<TargetTemplate> targets = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = where + ": to[" + i + "]";
            if (!(array.get(i) instanceof JsonObject target) || target.size() != 1) {
                errors.add(at + ": must be an object with exactly one of \"room\", \"session\", \"user\"");
                continue;
            }
            Map.Entry<String, JsonValue> only = target.entrySet().iterator().next();
            Target.Kind kind = TARGET_FIELDS.get(only.getKey());
            if (kind == null) {
                errors.add(at + ": unknown target kind \"" + only.getKey() + "\" (room, session or user)");
                continue;
            }
            if (!(only.getValue() instanceof JsonString template)) {
                errors.add(at + "." + only.getKey() + ": must be a string");
                continue;
            }
            try {
                targets.add(TargetTemplate.parse(kind, template.getString()));
            } catch (IllegalArgumentException e) {
                errors.add(at + "." + only.getKey() + ": " + e.getMessage());
            }
        }
        return targets;
    }

    private static void unknownFields(JsonObject object, Set<String> known, String where, List<String> errors) {
        for (String field : object.keySet()) {
            if (!known.contains(field)) {
                errors.add(where + ": unknown field \"" + field + "\" (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        }
    }
}

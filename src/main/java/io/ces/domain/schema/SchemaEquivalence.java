package io.ces.domain.schema;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Whether two subschemas, each in its own document, are written the same: equal JSON, except that a {@code $ref} is
 * compared by what it points to. Two versions of a schema may both say {@code "#/$defs/money"} and mean different
 * definitions, so equal text alone proves nothing once references are involved.
 */
final class SchemaEquivalence {

    /** Keywords whose argument is one subschema (or, for {@code items} before draft 2020-12, a list of them). */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("not", "if", "then", "else", "items", "additionalItems",
            "contains", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
            "contentSchema");
    private static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "patternProperties",
            "dependentSchemas", "$defs", "definitions");

    // Pairs of definitions taken to be equal while they are being compared, so that recursive schemas terminate.
    private final Set<SubschemaPair> assumed = new HashSet<>();

    private SchemaEquivalence() {
    }

    /** Whether the subschemas {@code a} and {@code b} say the same, with references followed in their own documents. */
    static boolean same(SchemaPosition a, SchemaPosition b) {
        return new SchemaEquivalence().sameSchema(a, b);
    }

    /** Whether the schema objects {@code a} and {@code b} both have {@code keyword} and say the same with it. */
    static boolean sameKeyword(SchemaPosition a, SchemaPosition b, String keyword) {
        return a.value() instanceof JsonObject x && x.containsKey(keyword)
                && b.value() instanceof JsonObject y && y.containsKey(keyword)
                && new SchemaEquivalence().sameKeywordOf(a, b, keyword);
    }

    private boolean sameSchema(SchemaPosition a, SchemaPosition b) {
        if (a.value() instanceof JsonObject x && b.value() instanceof JsonObject y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (String keyword : x.keySet()) {
                if (!sameKeywordOf(a, b, keyword)) {
                    return false;
                }
            }
            return true;
        }
        return KnownValueCheck.sameValue(a.value(), b.value());
    }

    private boolean sameKeywordOf(SchemaPosition a, SchemaPosition b, String keyword) {
        JsonValue x = ((JsonObject) a.value()).get(keyword);
        JsonValue y = ((JsonObject) b.value()).get(keyword);
        if ("$ref".equals(keyword) && x instanceof JsonString refA && y instanceof JsonString refB) {
            return sameTarget(a, refA.getString(), b, refB.getString());
        }
        if (x instanceof JsonArray listA && y instanceof JsonArray listB
                && (SCHEMA_LIST_KEYWORDS.contains(keyword) || SCHEMA_KEYWORDS.contains(keyword))) {
            if (listA.size() != listB.size()) {
                return false;
            }
            for (int i = 0; i < listA.size(); i++) {
                if (!sameSchema(a.at(keyword, String.valueOf(i)), b.at(keyword, String.valueOf(i)))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof JsonObject mapA && y instanceof JsonObject mapB && SCHEMA_MAP_KEYWORDS.contains(keyword)) {
            if (!mapA.keySet().equals(mapB.keySet())) {
                return false;
            }
            for (String name : mapA.keySet()) {
                if (!sameSchema(a.at(keyword, name), b.at(keyword, name))) {
                    return false;
                }
            }
            return true;
        }
        if (SCHEMA_KEYWORDS.contains(keyword)) {
            return sameSchema(a.at(keyword), b.at(keyword));
        }
        // Anything else is data (enum, const, bounds, names...), whatever members it happens to have.
        return KnownValueCheck.sameValue(x, y);
    }

    private boolean sameTarget(SchemaPosition a, String refA, SchemaPosition b, String refB) {
        Optional<SchemaPosition> targetA = a.resolve(refA);
        Optional<SchemaPosition> targetB = b.resolve(refB);
        if (targetA.isEmpty() || targetB.isEmpty()) {
            // Outside the document: the same address is taken to mean the same schema.
            return targetA.isEmpty() && targetB.isEmpty() && refA.equals(refB);
        }
        return !assumed.add(new SubschemaPair(targetA.get().value(), targetB.get().value()))
                || sameSchema(targetA.get(), targetB.get());
    }
}

package io.ces.domain.schema;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Whether a new version of an event type's JSON Schema (draft 2020-12) still accepts all the event data that the
 * previous version accepted, so that producers written against the old version keep passing validation.
 *
 * <p>The check is structural and conservative: it compares the schemas keyword by keyword and gives a reason for every
 * place where it cannot prove that the new schema accepts at least what the old one did. No reasons is a proof; a
 * reason may now and then be a false alarm, for example when a {@code oneOf} was rewritten without changing its
 * meaning. Each reason starts with a JSON pointer into the new schema, such as
 * {@code /properties/price/type: old allows number, new allows only integer}.
 *
 * <p>Local references ({@code "#/$defs/..."}) are followed; a reference to another document is taken to mean the same
 * in both versions if it is written the same.
 */
public final class SchemaCompatibility {

    /** Keywords that name, describe or hold definitions, and so never reject a value themselves. */
    private static final Set<String> NON_CONSTRAINING = Set.of("$id", "$schema", "$anchor", "$dynamicAnchor",
            "$vocabulary", "$comment", "$defs", "definitions", "title", "description", "examples", "default",
            "deprecated", "readOnly", "writeOnly");

    /**
     * Keywords whose effect depends on their neighbours ({@code additionalProperties} on {@code properties},
     * {@code items} on {@code prefixItems}...), so that finding them unchanged proves nothing by itself.
     */
    private static final Set<String> SIBLING_DEPENDENT = Set.of("additionalProperties", "items", "additionalItems",
            "unevaluatedProperties", "unevaluatedItems", "contains", "minContains", "maxContains", "if", "then", "else",
            "$dynamicRef", "$recursiveRef");

    /** Keywords that only look at values of some kinds: irrelevant where the old schema admits none of those. */
    private static final Map<String, Set<InstanceKind>> APPLIES_TO = appliesTo();

    /** What the old schema says where it says nothing, or where this check cannot tell what it says: anything goes. */
    private static final SchemaPosition ANYTHING = SchemaPosition.detached(JsonValue.TRUE);

    // New references being compared further up; a recursive schema comes back to them.
    private final Set<SubschemaPair> inProgress = new HashSet<>();

    private SchemaCompatibility() {
    }

    /**
     * The reasons why {@code newSchema} may reject a value that {@code oldSchema} accepts; empty when every value
     * valid under the old schema is provably valid under the new one.
     */
    public static List<String> check(JsonObject oldSchema, JsonObject newSchema) {
        if (oldSchema.equals(newSchema)) {
            return List.of();
        }
        List<String> reasons = new SchemaCompatibility()
                .compare(SchemaPosition.root(oldSchema), SchemaPosition.root(newSchema));
        // A definition used in several places is compared once per use, with the same findings.
        return List.copyOf(new LinkedHashSet<>(reasons));
    }

    private List<String> compare(SchemaPosition old, SchemaPosition neu) {
        if (isTrue(neu.value())) {
            return List.of();
        }
        List<OldSchema> oldConjuncts = conjuncts(old);
        if (oldConjuncts.stream().anyMatch(conjunct -> isFalse(conjunct.position().value()))) {
            return List.of(); // old accepts nothing here
        }
        if (!(neu.value() instanceof JsonObject newSchema)) {
            return List.of(reason(neu.pointer(), isFalse(neu.value())
                    ? "new accepts nothing here, old accepts some values"
                    : "cannot prove compatibility: not a schema"));
        }
        return new KeywordComparison(oldConjuncts, neu, newSchema).reasons();
    }

    private List<String> guarded(SchemaPosition old, SchemaPosition neu) {
        SubschemaPair pair = new SubschemaPair(old.value(), neu.value());
        if (!inProgress.add(pair)) {
            return List.of(); // compared further up already, which reports whatever differs
        }
        try {
            return compare(old, neu);
        } finally {
            inProgress.remove(pair);
        }
    }

    /**
     * The old schema and the schemas it is a conjunction with: the targets of its local {@code $ref}s and the members
     * of its {@code allOf}, and theirs. An old value met all of them, so any one may prove a new keyword harmless.
     */
    private static List<OldSchema> conjuncts(SchemaPosition old) {
        List<OldSchema> conjuncts = new ArrayList<>();
        Set<JsonValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<SchemaPosition> pending = new ArrayDeque<>(List.of(old));
        while (!pending.isEmpty()) {
            SchemaPosition position = pending.removeFirst();
            if (!seen.add(position.value())) {
                continue;
            }
            conjuncts.add(new OldSchema(position));
            if (!(position.value() instanceof JsonObject schema)) {
                continue;
            }
            if (schema.get("$ref") instanceof JsonString reference) {
                position.resolve(reference.getString()).ifPresent(pending::addLast);
            }
            if (schema.get("allOf") instanceof JsonArray all) {
                IntStream.range(0, all.size()).filter(index -> SchemaPosition.isSchema(all.get(index)))
                        .forEach(index -> pending.addLast(position.at("allOf", String.valueOf(index))));
            }
        }
        return conjuncts;
    }

    /**
     * One old schema (or conjunct of it). Whatever is not a schema object is read as an empty one, that is as
     * {@code true}: on the old side, reading too generously is the safe mistake.
     */
    private record OldSchema(SchemaPosition position, JsonObject schema) {

        OldSchema(SchemaPosition position) {
            this(position, position.value() instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
        }

        boolean has(String keyword) {
            return schema.containsKey(keyword);
        }

        JsonValue get(String keyword) {
            return schema.get(keyword);
        }

        SchemaPosition at(String... tokens) {
            return position.at(tokens);
        }

        /** The subschema under {@code keyword}, or {@code true} where there is none. */
        SchemaPosition schemaAt(String keyword) {
            return has(keyword) && SchemaPosition.isSchema(get(keyword)) ? at(keyword) : ANYTHING;
        }
    }

    /** The keywords of one new schema object against the old schema at the same place. */
    private final class KeywordComparison {

        private final List<OldSchema> oldConjuncts;
        /** The old schema itself, the first of its conjuncts. */
        private final SchemaPosition wholeOld;
        private final SchemaPosition neu;
        private final JsonObject newSchema;
        /** Every value the old schema accepts, when it lists them. */
        private final Optional<List<JsonValue>> oldValues;
        private final Set<InstanceKind> oldKinds;

        KeywordComparison(List<OldSchema> oldConjuncts, SchemaPosition neu, JsonObject newSchema) {
            this.oldConjuncts = oldConjuncts;
            this.wholeOld = oldConjuncts.get(0).position();
            this.neu = neu;
            this.newSchema = newSchema;
            this.oldValues = KnownValueCheck.listedValues(oldConjuncts.stream().map(OldSchema::schema).toList());
            this.oldKinds = oldValues.map(SchemaCompatibility::kindsOf).orElseGet(() -> {
                Set<InstanceKind> kinds = EnumSet.copyOf(InstanceKind.ALL);
                oldConjuncts.forEach(conjunct -> kinds.retainAll(InstanceKind.admittedBy(conjunct.schema())));
                return kinds;
            });
        }

        List<String> reasons() {
            if (oldKinds.isEmpty()) {
                return List.of(); // old accepts nothing here, so new cannot reject anything it accepted
            }
            List<String> reasons = new ArrayList<>();
            for (String keyword : newSchema.keySet()) {
                if (!NON_CONSTRAINING.contains(keyword) && appliesToOld(keyword) && !unchangedInOld(keyword)) {
                    reasons.addAll(compareKeyword(keyword));
                }
            }
            return reasons;
        }

        private boolean appliesToOld(String keyword) {
            Set<InstanceKind> kinds = APPLIES_TO.get(keyword);
            return kinds == null || kinds.stream().anyMatch(oldKinds::contains);
        }

        /** Whether an old conjunct has {@code keyword} as it is, which proves it harmless where it stands alone. */
        private boolean unchangedInOld(String keyword) {
            return !SIBLING_DEPENDENT.contains(keyword) && oldConjuncts.stream()
                    .anyMatch(conjunct -> SchemaEquivalence.sameKeyword(conjunct.position(), neu, keyword));
        }

        private List<String> compareKeyword(String keyword) {
            if (oldValues.isPresent() && KnownValueCheck.KEYWORDS.contains(keyword)) {
                return knownValuesStillAccepted(keyword);
            }
            // These look at what is known of the old schema as a whole, not at one conjunct's keywords.
            return switch (keyword) {
                case "type" -> type();
                case "enum" -> report("old allows values that the new enum does not list", keyword);
                case "const" -> report("old allows values other than " + newSchema.get(keyword), keyword);
                case "uniqueItems" -> uniqueItems();
                case "properties" -> properties();
                case "allOf" -> allOf();
                case "anyOf" -> anyOf();
                case "$ref" -> reference();
                default -> provenByAnyConjunct(conjunct -> compareKeyword(keyword, conjunct),
                        conjunct -> conjunct.has(keyword));
            };
        }

        /**
         * No reasons if one old conjunct proves the point; else the reasons of the first conjunct that has something
         * to say about it (a {@code $ref} beside nothing else has not), which are the ones worth reading.
         */
        private List<String> provenByAnyConjunct(Function<OldSchema, List<String>> rule, Predicate<OldSchema> says) {
            List<String> shown = null;
            boolean shownSays = false;
            for (OldSchema conjunct : oldConjuncts) {
                List<String> reasons = rule.apply(conjunct);
                if (reasons.isEmpty()) {
                    return List.of();
                }
                if (shown == null || !shownSays && says.test(conjunct)) {
                    shown = reasons;
                    shownSays = says.test(conjunct);
                }
            }
            return shown;
        }

        private List<String> compareKeyword(String keyword, OldSchema old) {
            return switch (keyword) {
                case "minimum", "exclusiveMinimum" -> lowerBound(keyword, old);
                case "maximum", "exclusiveMaximum" -> upperBound(keyword, old);
                case "multipleOf" -> multipleOf(old);
                case "minLength", "minItems" -> minimumCount(keyword, number(old.get(keyword)).orElse(BigDecimal.ZERO));
                case "minProperties" -> minimumCount(keyword, minimumProperties(old));
                case "maxLength", "maxItems", "maxProperties" -> maximumCount(keyword, old);
                case "pattern", "format" -> unchangedOrAbsent(keyword, old);
                case "required" -> required(old);
                case "patternProperties" -> patternProperties(old);
                case "additionalProperties" -> additionalProperties(old);
                case "propertyNames" -> compare(old.schemaAt(keyword), neu.at(keyword));
                case "dependentRequired" -> dependentRequired(old);
                case "dependentSchemas" -> dependentSchemas(old);
                case "prefixItems" -> prefixItems(old);
                case "items" -> items(old);
                case "contains" -> unchanged(old, "contains", "minContains", "maxContains");
                case "if" -> newSchema.containsKey("then") || newSchema.containsKey("else")
                        ? unchanged(old, "if", "then", "else")
                        : List.of();
                // Without contains or if these do nothing; with them, they are compared there.
                case "minContains", "maxContains", "then", "else" -> List.of();
                case "unevaluatedProperties", "unevaluatedItems", "additionalItems" ->
                        wholeSchemaUnchanged(keyword, old);
                default -> report("cannot prove compatibility: old does not have this keyword in the same form",
                        keyword);
            };
        }

        private List<String> knownValuesStillAccepted(String keyword) {
            List<String> reasons = new ArrayList<>();
            for (JsonValue value : oldValues.orElseThrow()) {
                Optional<Boolean> accepted = KnownValueCheck.accepts(keyword, newSchema.get(keyword), value);
                if (accepted.isEmpty()) {
                    return invalid(keyword);
                }
                if (!accepted.get()) {
                    reasons.addAll(report("old allows " + value + ", new does not", keyword));
                }
            }
            return reasons;
        }

        private List<String> type() {
            Optional<Set<InstanceKind>> allowed = InstanceKind.ofType(newSchema.get("type"));
            if (allowed.isEmpty()) {
                return invalid("type");
            }
            if (allowed.get().containsAll(oldKinds)) {
                return List.of();
            }
            return report("old allows " + InstanceKind.describe(oldKinds) + ", new allows only "
                    + InstanceKind.describe(allowed.get()), "type");
        }

        private List<String> lowerBound(String keyword, OldSchema old) {
            Optional<BigDecimal> limit = number(newSchema.get(keyword));
            if (limit.isEmpty()) {
                return invalid(keyword);
            }
            NumberBound required = new NumberBound(limit.get(), keyword.startsWith("exclusive"));
            Optional<NumberBound> oldBound = NumberBound.tighterLower(
                    number(old.get("minimum")).map(value -> new NumberBound(value, false)),
                    number(old.get("exclusiveMinimum")).map(value -> new NumberBound(value, true)));
            if (oldBound.isPresent() && oldBound.get().impliesLower(required)) {
                return List.of();
            }
            return report("new requires " + required.describeLower() + ", where old "
                    + oldBound.map(bound -> "required " + bound.describeLower()).orElse("had no lower bound"), keyword);
        }

        private List<String> upperBound(String keyword, OldSchema old) {
            Optional<BigDecimal> limit = number(newSchema.get(keyword));
            if (limit.isEmpty()) {
                return invalid(keyword);
            }
            NumberBound required = new NumberBound(limit.get(), keyword.startsWith("exclusive"));
            Optional<NumberBound> oldBound = NumberBound.tighterUpper(
                    number(old.get("maximum")).map(value -> new NumberBound(value, false)),
                    number(old.get("exclusiveMaximum")).map(value -> new NumberBound(value, true)));
            if (oldBound.isPresent() && oldBound.get().impliesUpper(required)) {
                return List.of();
            }
            return report("new requires " + required.describeUpper() + ", where old "
                    + oldBound.map(bound -> "required " + bound.describeUpper()).orElse("had no upper bound"), keyword);
        }

        private List<String> multipleOf(OldSchema old) {
            Optional<BigDecimal> divisor = number(newSchema.get("multipleOf")).filter(value -> value.signum() > 0);
            if (divisor.isEmpty()) {
                return invalid("multipleOf");
            }
            Optional<BigDecimal> oldDivisor = number(old.get("multipleOf")).filter(value -> value.signum() > 0);
            boolean oldMultiplesFit = oldDivisor.filter(value -> isMultiple(value, divisor.get())).isPresent();
            // Where old admits only integers, every value is a multiple of 1, and so of whatever divides 1.
            boolean oldIntegersFit = !oldKinds.contains(InstanceKind.FRACTION)
                    && isMultiple(BigDecimal.ONE, divisor.get());
            if (oldMultiplesFit || oldIntegersFit) {
                return List.of();
            }
            return report("new requires multiples of " + divisor.get().toPlainString() + ", where old "
                    + oldDivisor.map(value -> "required multiples of " + value.toPlainString()).orElse("did not"),
                    "multipleOf");
        }

        private BigDecimal minimumProperties(OldSchema old) {
            BigDecimal declared = number(old.get("minProperties")).orElse(BigDecimal.ZERO);
            // Every required property is one more property the object has.
            int required = strings(old.get("required")).map(names -> Set.copyOf(names).size()).orElse(0);
            return declared.max(BigDecimal.valueOf(required));
        }

        private List<String> minimumCount(String keyword, BigDecimal oldMinimum) {
            Optional<BigDecimal> limit = number(newSchema.get(keyword));
            if (limit.isEmpty()) {
                return invalid(keyword);
            }
            if (oldMinimum.compareTo(limit.get()) >= 0) {
                return List.of();
            }
            return report("new requires at least " + limit.get().toPlainString() + " " + unit(keyword, limit.get())
                    + ", where old required at least " + oldMinimum.toPlainString(), keyword);
        }

        private List<String> maximumCount(String keyword, OldSchema old) {
            Optional<BigDecimal> limit = number(newSchema.get(keyword));
            if (limit.isEmpty()) {
                return invalid(keyword);
            }
            Optional<BigDecimal> oldLimit = number(old.get(keyword));
            if (oldLimit.isPresent() && oldLimit.get().compareTo(limit.get()) <= 0) {
                return List.of();
            }
            return report("new allows at most " + limit.get().toPlainString() + " " + unit(keyword, limit.get())
                    + ", where old "
                    + oldLimit.map(value -> "allowed " + value.toPlainString()).orElse("had no limit"), keyword);
        }

        // Whether one regular expression or format admits all that another does is beyond this check.
        private List<String> unchangedOrAbsent(String keyword, OldSchema old) {
            return report(old.has(keyword)
                    ? "changed from " + old.get(keyword) + " to " + newSchema.get(keyword)
                            + ", and it may only stay the same or be dropped"
                    : "new requires " + newSchema.get(keyword) + ", which old did not", keyword);
        }

        private List<String> required(OldSchema old) {
            Optional<List<String>> names = strings(newSchema.get("required"));
            if (names.isEmpty()) {
                return invalid("required");
            }
            Set<String> oldRequired = Set.copyOf(strings(old.get("required")).orElse(List.of()));
            List<String> reasons = new ArrayList<>();
            for (String name : names.get()) {
                if (!oldRequired.contains(name)) {
                    reasons.addAll(report("new requires " + quoted(name) + ", which old did not", "required"));
                }
            }
            return reasons;
        }

        private List<String> properties() {
            if (!(newSchema.get("properties") instanceof JsonObject declared)) {
                return invalid("properties");
            }
            List<String> reasons = new ArrayList<>();
            for (String name : declared.keySet()) {
                SchemaPosition property = neu.at("properties", name);
                reasons.addAll(provenByAnyConjunct(old -> property(name, old, property),
                        old -> objectOrEmpty(old.get("properties")).containsKey(name)));
            }
            return reasons;
        }

        private List<String> property(String name, OldSchema old, SchemaPosition property) {
            if (objectOrEmpty(old.get("properties")).containsKey(name)) {
                return compare(old.at("properties", name), property);
            }
            SchemaPosition undeclared = undeclaredProperty(old, false);
            return explained(compare(undeclared, property), undeclared == ANYTHING
                    ? "old does not declare " + quoted(name) + " and accepts any value for it"
                    : "old does not declare " + quoted(name) + ", so its additionalProperties applied");
        }

        private List<String> patternProperties(OldSchema old) {
            if (!(newSchema.get("patternProperties") instanceof JsonObject patterns)) {
                return invalid("patternProperties");
            }
            JsonObject oldPatterns = objectOrEmpty(old.get("patternProperties"));
            List<String> reasons = new ArrayList<>();
            for (String pattern : patterns.keySet()) {
                SchemaPosition constraint = neu.at("patternProperties", pattern);
                reasons.addAll(oldPatterns.containsKey(pattern)
                        ? compare(old.at("patternProperties", pattern), constraint)
                        : explained(compare(ANYTHING, constraint),
                                "old has no patternProperties entry " + quoted(pattern)));
            }
            return reasons;
        }

        private List<String> additionalProperties(OldSchema old) {
            SchemaPosition additional = neu.at("additionalProperties");
            boolean forbidden = isFalse(additional.value());
            boolean samePatterns = old.has("patternProperties") == newSchema.containsKey("patternProperties")
                    && (!old.has("patternProperties")
                            || SchemaEquivalence.sameKeyword(old.position(), neu, "patternProperties"));
            List<String> reasons = new ArrayList<>();
            List<String> undeclared = compare(undeclaredProperty(old, samePatterns), additional);
            if (!undeclared.isEmpty() && forbidden) {
                reasons.addAll(report("old allows properties it does not declare, new forbids them",
                        "additionalProperties"));
            } else {
                reasons.addAll(explained(undeclared, "for properties that neither version declares"));
            }
            JsonObject newDeclared = objectOrEmpty(newSchema.get("properties"));
            for (String name : objectOrEmpty(old.get("properties")).keySet()) {
                if (newDeclared.containsKey(name)) {
                    continue;
                }
                List<String> dropped = compare(old.at("properties", name), additional);
                if (!dropped.isEmpty() && forbidden) {
                    reasons.addAll(report("old declares " + quoted(name) + ", which new neither declares nor allows",
                            "additionalProperties"));
                } else {
                    reasons.addAll(explained(dropped, "for " + quoted(name) + ", which old declares and new does not"));
                }
            }
            return reasons;
        }

        /**
         * What the old schema requires of a property it does not declare: its additionalProperties, unless
         * patternProperties may apply instead (this check does not match regular expressions), then anything.
         */
        private SchemaPosition undeclaredProperty(OldSchema old, boolean patternsUnchanged) {
            JsonValue patterns = old.get("patternProperties");
            boolean patternsMayApply = patterns != null && !(patterns instanceof JsonObject map && map.isEmpty());
            return patternsMayApply && !patternsUnchanged ? ANYTHING : old.schemaAt("additionalProperties");
        }

        private List<String> dependentRequired(OldSchema old) {
            if (!(newSchema.get("dependentRequired") instanceof JsonObject dependencies)) {
                return invalid("dependentRequired");
            }
            JsonObject oldDependencies = objectOrEmpty(old.get("dependentRequired"));
            List<String> reasons = new ArrayList<>();
            for (String property : dependencies.keySet()) {
                Optional<List<String>> names = strings(dependencies.get(property));
                if (names.isEmpty()) {
                    reasons.addAll(report("cannot prove compatibility: not a list of property names",
                            "dependentRequired", property));
                    continue;
                }
                Set<String> oldRequired = new HashSet<>(strings(old.get("required")).orElse(List.of()));
                oldRequired.addAll(strings(oldDependencies.get(property)).orElse(List.of()));
                for (String name : names.get()) {
                    if (!oldRequired.contains(name)) {
                        reasons.addAll(report("new requires " + quoted(name) + " when " + quoted(property)
                                + " is present, old did not", "dependentRequired", property));
                    }
                }
            }
            return reasons;
        }

        private List<String> dependentSchemas(OldSchema old) {
            if (!(newSchema.get("dependentSchemas") instanceof JsonObject dependencies)) {
                return invalid("dependentSchemas");
            }
            JsonObject oldDependencies = objectOrEmpty(old.get("dependentSchemas"));
            List<String> reasons = new ArrayList<>();
            for (String property : dependencies.keySet()) {
                SchemaPosition dependent = neu.at("dependentSchemas", property);
                List<String> againstOldDependent = oldDependencies.containsKey(property)
                        ? compare(old.at("dependentSchemas", property), dependent)
                        : null;
                if (againstOldDependent != null && againstOldDependent.isEmpty()) {
                    continue;
                }
                // An old value with that property also met the whole old schema, which may be enough.
                List<String> againstOld = compare(wholeOld, dependent);
                if (!againstOld.isEmpty()) {
                    reasons.addAll(againstOldDependent != null ? againstOldDependent : againstOld);
                }
            }
            return reasons;
        }

        private List<String> prefixItems(OldSchema old) {
            if (!(newSchema.get("prefixItems") instanceof JsonArray prefix)) {
                return invalid("prefixItems");
            }
            List<String> reasons = new ArrayList<>();
            for (int index = 0; index < prefix.size(); index++) {
                reasons.addAll(compare(oldItem(old, index), neu.at("prefixItems", String.valueOf(index))));
            }
            return reasons;
        }

        private List<String> items(OldSchema old) {
            if (!SchemaPosition.isSchema(newSchema.get("items"))) {
                return invalid("items"); // the array form is draft 2019-09 and older; 2020-12 says prefixItems
            }
            SchemaPosition items = neu.at("items");
            int newPrefix = arraySize(newSchema.get("prefixItems"));
            int oldPrefix = arraySize(old.get("prefixItems"));
            List<String> reasons = new ArrayList<>();
            for (int index = newPrefix; index < oldPrefix; index++) {
                reasons.addAll(explained(compare(oldItem(old, index), items),
                        "for item " + index + ", which old describes in prefixItems"));
            }
            reasons.addAll(compare(oldItem(old, Math.max(oldPrefix, newPrefix)), items));
            return reasons;
        }

        /** What the old schema requires of the array item at {@code index}. */
        private SchemaPosition oldItem(OldSchema old, int index) {
            return index < arraySize(old.get("prefixItems"))
                    ? old.at("prefixItems", String.valueOf(index))
                    : old.schemaAt("items");
        }

        private List<String> uniqueItems() {
            JsonValue unique = newSchema.get("uniqueItems");
            if (isTrue(unique)) {
                return report("new requires unique items, old did not", "uniqueItems");
            }
            return isFalse(unique) ? List.of() : invalid("uniqueItems");
        }

        /** Keywords that only mean something together, and that this check accepts only as they were. */
        private List<String> unchanged(OldSchema old, String... group) {
            for (String keyword : group) {
                boolean same = old.has(keyword) == newSchema.containsKey(keyword)
                        && (!old.has(keyword) || SchemaEquivalence.sameKeyword(old.position(), neu, keyword));
                if (!same) {
                    return report("cannot prove compatibility: " + String.join(", ", group)
                            + " differ from old, and this check only accepts them unchanged", group[0]);
                }
            }
            return List.of();
        }

        private List<String> allOf() {
            if (!(newSchema.get("allOf") instanceof JsonArray all)) {
                return invalid("allOf");
            }
            List<String> reasons = new ArrayList<>();
            for (int index = 0; index < all.size(); index++) {
                reasons.addAll(compare(wholeOld, neu.at("allOf", String.valueOf(index))));
            }
            return reasons;
        }

        private List<String> anyOf() {
            if (!(newSchema.get("anyOf") instanceof JsonArray any) || any.isEmpty()) {
                return invalid("anyOf");
            }
            List<SchemaPosition> branches = IntStream.range(0, any.size())
                    .mapToObj(index -> neu.at("anyOf", String.valueOf(index))).toList();
            if (branches.stream().anyMatch(branch -> compare(wholeOld, branch).isEmpty())
                    || oldConjuncts.stream().anyMatch(conjunct -> choiceCovered(conjunct, branches))) {
                return List.of();
            }
            return report("cannot prove that some branch of new accepts everything old accepts", "anyOf");
        }

        /** Whether {@code conjunct} is a choice each of whose branches some new branch accepts. */
        private boolean choiceCovered(OldSchema conjunct, List<SchemaPosition> branches) {
            for (String choice : List.of("anyOf", "oneOf")) {
                if (conjunct.get(choice) instanceof JsonArray oldBranches && !oldBranches.isEmpty()
                        && IntStream.range(0, oldBranches.size()).allMatch(index -> branches.stream().anyMatch(
                                branch -> compare(conjunct.at(choice, String.valueOf(index)), branch).isEmpty()))) {
                    return true;
                }
            }
            return false;
        }

        private List<String> reference() {
            if (!(newSchema.get("$ref") instanceof JsonString reference)) {
                return invalid("$ref");
            }
            Optional<SchemaPosition> target = neu.resolve(reference.getString());
            if (target.isPresent()) {
                return guarded(wholeOld, target.get());
            }
            return report("cannot prove compatibility: cannot follow " + reference
                    + " (only JSON pointers within the schema are followed), and old does not refer to the same",
                    "$ref");
        }

        private List<String> wholeSchemaUnchanged(String keyword, OldSchema old) {
            if (acceptsAnything(newSchema.get(keyword)) || SchemaEquivalence.same(old.position(), neu)) {
                return List.of();
            }
            return report("cannot prove compatibility: what it constrains depends on all the keywords here, which"
                    + " differ from old", keyword);
        }

        private List<String> invalid(String keyword) {
            return report("cannot prove compatibility: not a valid value " + newSchema.get(keyword), keyword);
        }

        private List<String> report(String message, String... tokens) {
            StringBuilder pointer = new StringBuilder(neu.pointer());
            for (String token : tokens) {
                pointer.append('/').append(SchemaPosition.escape(token));
            }
            return List.of(reason(pointer.toString(), message));
        }
    }

    private static Set<InstanceKind> kindsOf(List<JsonValue> values) {
        Set<InstanceKind> kinds = EnumSet.noneOf(InstanceKind.class);
        values.forEach(value -> kinds.add(InstanceKind.of(value)));
        return kinds;
    }

    private static Map<String, Set<InstanceKind>> appliesTo() {
        Map<String, Set<InstanceKind>> kinds = new HashMap<>();
        List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
                .forEach(keyword -> kinds.put(keyword, InstanceKind.NUMBERS));
        List.of("minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType", "contentSchema")
                .forEach(keyword -> kinds.put(keyword, EnumSet.of(InstanceKind.STRING)));
        List.of("items", "prefixItems", "additionalItems", "contains", "minContains", "maxContains", "minItems",
                "maxItems", "uniqueItems", "unevaluatedItems")
                .forEach(keyword -> kinds.put(keyword, EnumSet.of(InstanceKind.ARRAY)));
        List.of("properties", "patternProperties", "additionalProperties", "required", "propertyNames",
                "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "dependencies",
                "unevaluatedProperties")
                .forEach(keyword -> kinds.put(keyword, EnumSet.of(InstanceKind.OBJECT)));
        return Map.copyOf(kinds);
    }

    private static boolean acceptsAnything(JsonValue schema) {
        return isTrue(schema)
                || schema instanceof JsonObject object && object.keySet().stream().allMatch(NON_CONSTRAINING::contains);
    }

    private static boolean isTrue(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static boolean isFalse(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.FALSE;
    }

    private static Optional<BigDecimal> number(JsonValue argument) {
        return argument == null ? Optional.empty() : KnownValueCheck.number(argument);
    }

    private static Optional<List<String>> strings(JsonValue argument) {
        if (!(argument instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    private static JsonObject objectOrEmpty(JsonValue value) {
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static int arraySize(JsonValue value) {
        return value instanceof JsonArray array ? array.size() : 0;
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal divisor) {
        return value.remainder(divisor).signum() == 0;
    }

    private static String unit(String keyword, BigDecimal count) {
        boolean one = count.compareTo(BigDecimal.ONE) == 0;
        return switch (keyword) {
            case "minLength", "maxLength" -> one ? "character" : "characters";
            case "minItems", "maxItems" -> one ? "item" : "items";
            default -> one ? "property" : "properties";
        };
    }

    private static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static List<String> explained(List<String> reasons, String context) {
        return reasons.stream().map(reason -> reason + " (" + context + ")").toList();
    }

    private static String reason(String pointer, String message) {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}

package io.ces.domain.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Decides, for one concrete JSON value, the keywords that look at nothing but that value ({@code type}, {@code enum},
 * bounds, lengths...).
 *
 * <p>When the old schema admits only a few listed values ({@code const}, {@code enum}, a boolean or null type), the
 * compatibility check asks whether the new schema still accepts each of them, which is exact where comparing
 * keywords would only be conservative.
 */
final class KnownValueCheck {

    /** The keywords {@link #accepts} can decide. */
    static final Set<String> KEYWORDS = Set.of("type", "enum", "const", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties",
            "maxProperties", "required", "uniqueItems");

    private static final BiPredicate<BigDecimal, BigDecimal> AT_LEAST = (count, limit) -> count.compareTo(limit) >= 0;
    private static final BiPredicate<BigDecimal, BigDecimal> AT_MOST = (count, limit) -> count.compareTo(limit) <= 0;

    private KnownValueCheck() {
    }

    /**
     * Every value that all of {@code schemas} accept, if one of them lists its values ({@code const}, {@code enum}, a
     * null or boolean type); else empty. The others narrow the list: with {@code {"type": "string"}} beside it,
     * {@code {"enum": ["a", 1]}} accepts just "a".
     */
    static Optional<List<JsonValue>> listedValues(List<JsonObject> schemas) {
        Optional<List<JsonValue>> candidates = schemas.stream().map(KnownValueCheck::candidates)
                .flatMap(Optional::stream).findFirst();
        return candidates.map(values -> values.stream()
                .filter(value -> schemas.stream().allMatch(schema -> acceptedByAllKeywords(schema, value)))
                .toList());
    }

    private static Optional<List<JsonValue>> candidates(JsonObject schema) {
        if (schema.containsKey("const")) {
            return Optional.of(List.of(schema.get("const")));
        }
        if (schema.get("enum") instanceof JsonArray listed) {
            return Optional.of(listed);
        }
        Set<InstanceKind> kinds = InstanceKind.admittedBy(schema);
        if (!EnumSet.of(InstanceKind.NULL, InstanceKind.BOOLEAN).containsAll(kinds)) {
            return Optional.empty();
        }
        List<JsonValue> values = new ArrayList<>();
        if (kinds.contains(InstanceKind.NULL)) {
            values.add(JsonValue.NULL);
        }
        if (kinds.contains(InstanceKind.BOOLEAN)) {
            values.addAll(List.of(JsonValue.TRUE, JsonValue.FALSE));
        }
        return Optional.of(values);
    }

    private static boolean acceptedByAllKeywords(JsonObject schema, JsonValue value) {
        return schema.entrySet().stream()
                .allMatch(keyword -> accepts(keyword.getKey(), keyword.getValue(), value).orElse(true));
    }

    /** Whether {@code keyword} with {@code argument} accepts {@code value}; empty when that cannot be decided here. */
    static Optional<Boolean> accepts(String keyword, JsonValue argument, JsonValue value) {
        return switch (keyword) {
            case "type" -> InstanceKind.ofType(argument).map(kinds -> kinds.contains(InstanceKind.of(value)));
            case "enum" -> argument instanceof JsonArray options
                    ? Optional.of(options.stream().anyMatch(option -> sameValue(option, value)))
                    : Optional.empty();
            case "const" -> Optional.of(sameValue(argument, value));
            case "minimum" -> numeric(argument, value, (number, limit) -> number.compareTo(limit) >= 0);
            case "exclusiveMinimum" -> numeric(argument, value, (number, limit) -> number.compareTo(limit) > 0);
            case "maximum" -> numeric(argument, value, (number, limit) -> number.compareTo(limit) <= 0);
            case "exclusiveMaximum" -> numeric(argument, value, (number, limit) -> number.compareTo(limit) < 0);
            case "multipleOf" -> number(argument).filter(divisor -> divisor.signum() > 0).isEmpty()
                    ? Optional.empty()
                    : numeric(argument, value, (number, divisor) -> number.remainder(divisor).signum() == 0);
            case "minLength" -> counted(argument, length(value), AT_LEAST);
            case "maxLength" -> counted(argument, length(value), AT_MOST);
            case "minItems" -> counted(argument, size(value, JsonArray.class), AT_LEAST);
            case "maxItems" -> counted(argument, size(value, JsonArray.class), AT_MOST);
            case "minProperties" -> counted(argument, size(value, JsonObject.class), AT_LEAST);
            case "maxProperties" -> counted(argument, size(value, JsonObject.class), AT_MOST);
            case "required" -> required(argument, value);
            case "uniqueItems" -> uniqueItems(argument, value);
            default -> Optional.empty();
        };
    }

    /** Equality as JSON Schema defines it for {@code enum} and {@code const}: 1 and 1.0 are the same number. */
    static boolean sameValue(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        if (a instanceof JsonArray x && b instanceof JsonArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JsonObject x && b instanceof JsonObject y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<String, JsonValue> member : x.entrySet()) {
                if (!sameValue(member.getValue(), y.get(member.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The number a keyword argument holds, if it is one. */
    static Optional<BigDecimal> number(JsonValue argument) {
        return argument instanceof JsonNumber number ? Optional.of(number.bigDecimalValue()) : Optional.empty();
    }

    // Bounds and lengths apply to their own type only: a string passes "minimum" whatever it says.
    private static Optional<Boolean> numeric(JsonValue argument, JsonValue value,
            BiPredicate<BigDecimal, BigDecimal> test) {
        Optional<BigDecimal> limit = number(argument);
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(!(value instanceof JsonNumber number) || test.test(number.bigDecimalValue(), limit.get()));
    }

    private static Optional<Boolean> counted(JsonValue argument, Optional<Integer> count,
            BiPredicate<BigDecimal, BigDecimal> test) {
        Optional<BigDecimal> limit = number(argument);
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(count.map(n -> test.test(BigDecimal.valueOf(n), limit.get())).orElse(true));
    }

    // JSON Schema counts a string's length in code points, not UTF-16 units.
    private static Optional<Integer> length(JsonValue value) {
        return value instanceof JsonString text
                ? Optional.of(text.getString().codePointCount(0, text.getString().length()))
                : Optional.empty();
    }

    private static Optional<Integer> size(JsonValue value, Class<?> container) {
        if (!container.isInstance(value)) {
            return Optional.empty();
        }
        return Optional.of(value instanceof JsonArray array ? array.size() : ((JsonObject) value).size());
    }

    private static Optional<Boolean> required(JsonValue argument, JsonValue value) {
        if (!(argument instanceof JsonArray names) || !names.stream().allMatch(JsonString.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(!(value instanceof JsonObject object)
                || names.getValuesAs(JsonString.class).stream().allMatch(name -> object.containsKey(name.getString())));
    }

    private static Optional<Boolean> uniqueItems(JsonValue argument, JsonValue value) {
        if (argument.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(true);
        }
        if (argument.getValueType() != JsonValue.ValueType.TRUE) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray items)) {
            return Optional.of(true);
        }
        List<JsonValue> seen = new ArrayList<>();
        for (JsonValue item : items) {
            if (seen.stream().anyMatch(earlier -> sameValue(earlier, item))) {
                return Optional.of(false);
            }
            seen.add(item);
        }
        return Optional.of(true);
    }
}

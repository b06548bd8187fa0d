package io.ces.domain.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The kinds of JSON value that the {@code type} keyword tells apart. Numbers are split into integers and the rest,
 * because {@code integer} accepts a subset of what {@code number} accepts.
 */
enum InstanceKind {
    NULL, BOOLEAN, OBJECT, ARRAY, STRING, INTEGER, FRACTION;

    static final Set<InstanceKind> ALL = EnumSet.allOf(InstanceKind.class);
    static final Set<InstanceKind> NUMBERS = EnumSet.of(INTEGER, FRACTION);

    /** The kind of one value; 1.0 is an integer, as draft 2020-12 says. */
    static InstanceKind of(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> NULL;
            case TRUE, FALSE -> BOOLEAN;
            case OBJECT -> OBJECT;
            case ARRAY -> ARRAY;
            case STRING -> STRING;
            case NUMBER -> isInteger(((JsonNumber) value).bigDecimalValue()) ? INTEGER : FRACTION;
        };
    }

    /** The kinds {@code schema}'s type keyword admits: all of them without one, or with one that cannot be read. */
    static Set<InstanceKind> admittedBy(JsonObject schema) {
        return schema.containsKey("type") ? ofType(schema.get("type")).orElse(ALL) : ALL;
    }

    /** The kinds a {@code type} keyword admits; empty when its argument is not a type name or a list of them. */
    static Optional<Set<InstanceKind>> ofType(JsonValue typeArgument) {
        if (typeArgument instanceof JsonString name) {
            return ofTypeName(name.getString());
        }
        if (!(typeArgument instanceof JsonArray names)) {
            return Optional.empty();
        }
        Set<InstanceKind> kinds = EnumSet.noneOf(InstanceKind.class);
        for (JsonValue name : names) {
            Optional<Set<InstanceKind>> named = name instanceof JsonString text
                    ? ofTypeName(text.getString())
                    : Optional.empty();
            if (named.isEmpty()) {
                return Optional.empty();
            }
            kinds.addAll(named.get());
        }
        return Optional.of(kinds);
    }

    private static Optional<Set<InstanceKind>> ofTypeName(String name) {
        return Optional.ofNullable(switch (name) {
            case "null" -> EnumSet.of(NULL);
            case "boolean" -> EnumSet.of(BOOLEAN);
            case "object" -> EnumSet.of(OBJECT);
            case "array" -> EnumSet.of(ARRAY);
            case "string" -> EnumSet.of(STRING);
            case "integer" -> EnumSet.of(INTEGER);
            case "number" -> EnumSet.copyOf(NUMBERS);
            default -> null;
        });
    }

    static boolean isInteger(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    /** The kinds in the words of the {@code type} keyword, for reasons: "string or number", "any type". */
    static String describe(Set<InstanceKind> kinds) {
        if (kinds.containsAll(ALL)) {
            return "any type";
        }
        if (kinds.isEmpty()) {
            return "nothing";
        }
        List<String> names = new ArrayList<>();
        for (InstanceKind kind : kinds) {
            switch (kind) {
                case INTEGER -> names.add(kinds.contains(FRACTION) ? "number" : "integer");
                case FRACTION -> {
                    if (!kinds.contains(INTEGER)) {
                        names.add("non-integer number");
                    }
                }
                default -> names.add(kind.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(" or ", names);
    }
}

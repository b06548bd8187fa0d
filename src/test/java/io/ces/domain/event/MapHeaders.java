package io.ces.domain.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Record headers for tests, backed by an insertion-ordered map. */
final class MapHeaders implements EventHeaders {

    private final Map<String, String> values = new LinkedHashMap<>();

    MapHeaders with(String name, String value) {
        values.put(name, value);
        return this;
    }

    @Override
    public String get(String name) {
        return values.get(name);
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        values.forEach(action);
    }
}

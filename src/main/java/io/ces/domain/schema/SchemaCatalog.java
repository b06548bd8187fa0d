package io.ces.domain.schema;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registered JSON Schemas (draft 2020-12) of CloudEvent types, as one immutable snapshot of a schema folder, and
 * the check of an event's data against them. Thread-safe.
 *
 * <p>The folder is flat, as a mounted ConfigMap is. A schema file is named {@code <event-type>.v<N>.json}, for
 * example {@code chat.message.v1.json} or {@code order.updated.v12.json}: the type may contain dots, N is a positive
 * integer. Entries starting with {@code ..} (the mount's own) and entries not ending in {@code .json} are ignored; a
 * {@code .json} file whose name does not follow the pattern is a load error. A schema's {@code $id}, if it has one,
 * is the URI that events name in their {@code dataschema} attribute; otherwise its id is
 * {@code urn:ces:schema:<type>:v<N>}. An empty fragment ({@code #}) at the end of an id or a {@code dataschema} is
 * not part of the name.
 *
 * <p>A declared {@code $schema} must be draft 2020-12; without one, draft 2020-12 applies. As that draft says,
 * {@code format} is an annotation and not checked. Schemas may {@code $ref} each other by id; nothing is fetched over
 * the network.
 */
public final class SchemaCatalog {

    private static final SchemaCatalog EMPTY = new SchemaCatalog(List.of());

    private final Map<String, NavigableMap<Integer, RegisteredSchema>> schemasByType;
    private final Map<String, RegisteredSchema> schemasById;

    private SchemaCatalog(Collection<RegisteredSchema> schemas) {
        Map<String, NavigableMap<Integer, RegisteredSchema>> byType = new HashMap<>();
        Map<String, RegisteredSchema> byId = new HashMap<>();
        for (RegisteredSchema schema : schemas) {
            byType.computeIfAbsent(schema.type(), type -> new TreeMap<>()).put(schema.version(), schema);
            byId.put(schema.id(), schema);
        }
        byType.replaceAll((type, versions) -> Collections.unmodifiableNavigableMap(versions));
        this.schemasByType = Map.copyOf(byType);
        this.schemasById = Map.copyOf(byId);
    }

    /**
     * Reads and compiles every schema file of {@code folder}.
     *
     * @throws SchemaLoadException if the folder is missing or unreadable, or any schema file is misnamed, unreadable,
     *     not JSON, declares another {@code $schema} than draft 2020-12, is not a valid draft 2020-12 schema, cannot be
     *     compiled (a {@code $ref} that resolves to nothing, say) or has the same id as another; the message names
     *     every such file and what is wrong with it
     */
    public static SchemaCatalog load(Path folder) {
        Objects.requireNonNull(folder, "folder");
        return new SchemaCatalog(SchemaFolder.load(folder));
    }

    /** A catalog without schemas: it checks nothing. */
    public static SchemaCatalog empty() {
        return EMPTY;
    }

    /**
     * Checks an event's data against the schema that applies to it.
     *
     * <ul>
     *   <li>With a {@code dataschema}, that schema applies; it must be one of the schemas of {@code type}, otherwise
     *       the event is invalid (so that CES can dead-letter it).</li>
     *   <li>Without a {@code dataschema}, the highest version of the type's schemas applies.</li>
     *   <li>When {@code type} has no schemas at all, nothing applies and the event is not checked, even when it names
     *       a {@code dataschema}: CES does not police schemas it does not know about.</li>
     * </ul>
     *
     * @param type the event's {@code type} attribute
     * @param dataschema the event's {@code dataschema} attribute, or {@code null} if it has none
     * @param dataJson the event's {@code data} as JSON text, or {@code null} if it has none (checked as JSON
     *     {@code null}); text that is not JSON is invalid
     * @return not checked, valid, or invalid with at most 20 errors, each an instance
     *     location (a JSON Pointer, or {@code (root)}) and the validator's message
     */
    public SchemaVerdict validate(String type, String dataschema, String dataJson) {
        Objects.requireNonNull(type, "type");
        NavigableMap<Integer, RegisteredSchema> versions = schemasByType.get(type);
        if (versions == null) {
            return SchemaVerdict.notChecked();
        }
        if (dataschema == null) {
            return versions.lastEntry().getValue().validate(dataJson);
        }
        RegisteredSchema named = schemasById.get(SchemaIds.canonical(dataschema));
        if (named == null || !named.type().equals(type)) {
            return SchemaVerdict.invalid(dataschema,
                    List.of("dataschema " + dataschema + " is not registered for type " + type));
        }
        return named.validate(dataJson);
    }

    /** The event types that have at least one schema, in name order. */
    public Set<String> types() {
        return Collections.unmodifiableSet(new TreeSet<>(schemasByType.keySet()));
    }

    /** The schema versions of {@code type}, ascending; empty when it has none. */
    public List<Integer> versions(String type) {
        NavigableMap<Integer, RegisteredSchema> versions = schemasByType.get(type);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /** The file text of a schema, as written, for tooling that shows or serves it. */
    public Optional<String> schemaText(String type, int version) {
        NavigableMap<Integer, RegisteredSchema> versions = schemasByType.get(type);
        return Optional.ofNullable(versions == null ? null : versions.get(version)).map(RegisteredSchema::text);
    }

    /** The number of schemas, counting every version of every type. */
    public int size() {
        return schemasById.size();
    }

    @Override
    public String toString() {
        return "SchemaCatalog" + schemasByType.keySet().stream()
                .sorted()
                .map(type -> type + versions(type))
                .toList();
    }
}

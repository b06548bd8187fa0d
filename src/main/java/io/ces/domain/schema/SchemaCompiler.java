package io.ces.domain.schema;

import java.io.FileNotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

/**
 * Compiles the schemas of one load of the folder.
 *
 * <p>Each load has a validator registry of its own: the registry caches schemas by id, so a shared one would keep
 * serving the old text of a schema whose file changed. The registry knows only draft 2020-12, knows the schemas of
 * this load by id (so that they may {@code $ref} each other) and fetches nothing over the network.
 */
final class SchemaCompiler {

    /** How many meta-schema violations a load error lists; the first few are enough to find the mistake. */
    private static final int MAX_REPORTED_VIOLATIONS = 5;

    private final SchemaRegistry registry;
    private final Schema metaSchema;

    SchemaCompiler(Collection<SchemaSource> sources) {
        Map<String, String> textsById = sources.stream()
                .collect(Collectors.toMap(SchemaSource::id, SchemaSource::text));
        // Messages go to logs and dead letters read by the same people everywhere, so not in the server's locale.
        this.registry = SchemaRegistry.withDialect(Dialects.getDraft202012(), builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build())
                .schemas(textsById));
        this.metaSchema = registry.getSchema(SchemaLocation.of(SchemaSource.DRAFT_2020_12));
    }

    /** The compiled schema; a problem is a {@link SchemaLoadException} that names the file. */
    RegisteredSchema compile(SchemaSource source) {
        // Compiling alone accepts nonsense such as {"type": 5}, which then fails every event; the meta-schema does not.
        List<Error> violations = metaSchema.validate(source.json());
        if (!violations.isEmpty()) {
            throw SchemaLoadException.inFile(source.fileName(), "not a valid draft 2020-12 schema: "
                    + String.join("; ", Violations.describe(violations, MAX_REPORTED_VIOLATIONS)));
        }
        try {
            Schema compiled = registry.getSchema(SchemaLocation.of(source.id()), source.json());
            // The registry's own preloading swallows failures; a broken $ref must fail the load, not the first event.
            compiled.initializeValidators();
            return new RegisteredSchema(source.type(), source.version(), source.id(), source.text(), compiled);
        } catch (RuntimeException e) {
            // Whatever the validator throws for this file, the caller needs it as a load error naming the file, so
            // that a reload keeps the previous catalog instead of failing a consumer thread.
            throw new SchemaLoadException(source.fileName() + ": cannot be compiled: " + describe(e), e);
        }
    }

    private static String describe(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof FileNotFoundException) {
            // What the validator says when a $ref names a document it does not have, as it loads none from outside.
            return "it refers to " + cause.getMessage() + ", which is not a schema of this folder";
        }
        // Some messages (a bad regular expression) span lines, which would break the log entry apart.
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }
}

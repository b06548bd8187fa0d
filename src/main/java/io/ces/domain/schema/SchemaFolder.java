package io.ces.domain.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads and compiles every schema file of a folder.
 *
 * <p>It reports all problems it finds in one exception rather than the first, so that an operator fixing a
 * ConfigMap sees everything wrong with it at once.
 */
final class SchemaFolder {

    private SchemaFolder() {
    }

    static List<RegisteredSchema> load(Path folder) {
        List<SchemaSource> sources = read(folder);
        requireUniqueIds(folder, sources);
        SchemaCompiler compiler = new SchemaCompiler(sources);
        List<RegisteredSchema> schemas = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SchemaSource source : sources) {
            try {
                schemas.add(compiler.compile(source));
            } catch (SchemaLoadException e) {
                problems.add(e.getMessage());
            }
        }
        failIfAny(folder, problems);
        return schemas;
    }

    private static List<SchemaSource> read(Path folder) {
        List<SchemaSource> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : schemaFiles(folder)) {
            try {
                sources.add(SchemaSource.read(file));
            } catch (SchemaLoadException e) {
                problems.add(e.getMessage());
            }
        }
        failIfAny(folder, problems);
        return sources;
    }

    /** The entries meant as schema files, by name; the folder is flat, so subfolders are not looked into. */
    private static List<Path> schemaFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SchemaLoadException("schema folder " + folder + " does not exist or is not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(entry -> SchemaFileName.isMeantAsSchema(entry.getFileName().toString()))
                    .filter(entry -> !Files.isDirectory(entry))
                    .sorted(Comparator.comparing(entry -> entry.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new SchemaLoadException("schema folder " + folder + " cannot be listed (" + e + ")", e);
        }
    }

    private static void requireUniqueIds(Path folder, List<SchemaSource> sources) {
        Map<String, List<String>> filesById = new TreeMap<>();
        for (SchemaSource source : sources) {
            filesById.computeIfAbsent(source.id(), id -> new ArrayList<>()).add(source.fileName());
        }
        List<String> problems = new ArrayList<>();
        filesById.forEach((id, files) -> {
            if (files.size() > 1) {
                problems.add(String.join(", ", files) + ": duplicate $id " + id);
            }
        });
        failIfAny(folder, problems);
    }

    private static void failIfAny(Path folder, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new SchemaLoadException(
                    "cannot load the JSON Schemas in " + folder + ": " + String.join("; ", problems));
        }
    }
}

package io.ces.domain.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import io.ces.domain.json.StrictJsonReader;
import io.ces.domain.json.StrictJsonReader.InvalidJsonException;

/**
 * Checks a folder of registered schemas, named {@code <event-type>.v<N>.json}: each version of an event type must
 * accept all that the version before it accepted ({@link SchemaCompatibility}), so v1 against v2, v2 against v3 and so
 * on. Files that do not end in {@code .json}, or start with {@code ..} (the bookkeeping of a mounted Kubernetes
 * volume), are not schemas and are skipped.
 */
public final class SchemaFolderCompatibility {

    private static final Pattern FILE_NAME = Pattern.compile("(.+)\\.v([1-9][0-9]{0,8})\\.json");

    private SchemaFolderCompatibility() {
    }

    /**
     * The reasons why some version in {@code folder} may reject what the version before it accepted, each starting
     * with {@code <event-type> v<old> -> v<new>: }, and the files that could not be read or are misnamed; empty when
     * every event type's versions are backward compatible.
     */
    public static List<String> check(Path folder) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<Integer, Path>> versionsByType = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.sorted().toList();
        } catch (IOException e) {
            return List.of(folder + ": cannot list the folder (" + e + ")");
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".json") || name.startsWith("..")) {
                continue;
            }
            Matcher versioned = FILE_NAME.matcher(name);
            if (!versioned.matches()) {
                problems.add(name + ": not named <event-type>.v<N>.json");
                continue;
            }
            versionsByType.computeIfAbsent(versioned.group(1), type -> new TreeMap<>())
                    .put(Integer.valueOf(versioned.group(2)), file);
        }
        StrictJsonReader reader = new StrictJsonReader(JsonProvider.provider());
        versionsByType.forEach((type, versions) -> problems.addAll(checkVersions(type, versions, reader)));
        return problems;
    }

    /**
     * The reasons why the schema in {@code newFile} may reject what the one in {@code oldFile} accepts, and the files
     * that could not be read; empty when the new schema is backward compatible with the old.
     */
    public static List<String> checkFiles(Path oldFile, Path newFile) {
        StrictJsonReader reader = new StrictJsonReader(JsonProvider.provider());
        List<String> problems = new ArrayList<>();
        Optional<JsonObject> oldSchema = read(oldFile, reader, problems);
        Optional<JsonObject> newSchema = read(newFile, reader, problems);
        if (oldSchema.isPresent() && newSchema.isPresent()) {
            problems.addAll(SchemaCompatibility.check(oldSchema.get(), newSchema.get()));
        }
        return problems;
    }

    private static List<String> checkVersions(String type, Map<Integer, Path> versions, StrictJsonReader reader) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Optional<JsonObject>> schemas = new TreeMap<>();
        versions.forEach((version, file) -> schemas.put(version, read(file, reader, problems)));
        Integer previous = null;
        for (Map.Entry<Integer, Optional<JsonObject>> current : schemas.entrySet()) {
            // A version that cannot be read is reported above; its neighbours cannot be compared with it.
            if (previous != null && schemas.get(previous).isPresent() && current.getValue().isPresent()) {
                String prefix = type + " v" + previous + " -> v" + current.getKey() + ": ";
                SchemaCompatibility.check(schemas.get(previous).get(), current.getValue().get())
                        .forEach(reason -> problems.add(prefix + reason));
            }
            previous = current.getKey();
        }
        return problems;
    }

    private static Optional<JsonObject> read(Path file, StrictJsonReader reader, List<String> problems) {
        try {
            return Optional.of(reader.readObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            problems.add(file.getFileName() + ": cannot read (" + e + ")");
        } catch (InvalidJsonException e) {
            problems.add(file.getFileName() + ": not a JSON object (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }
}

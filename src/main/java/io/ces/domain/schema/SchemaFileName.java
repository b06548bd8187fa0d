package io.ces.domain.schema;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a schema file, {@code <event-type>.v<N>.json}, and which entries of the folder are meant to be one.
 *
 * <p>The type is restricted to the characters a ConfigMap key may hold; the version has no leading zeros, so that
 * {@code v1} and {@code v01} cannot both claim the same version.
 */
record SchemaFileName(String type, int version) {

    private static final String JSON_SUFFIX = ".json";
    /** ConfigMap mounts keep their own entries ({@code ..data}, {@code ..2024_01_01_...}) next to the keys. */
    private static final String MOUNT_INTERNAL_PREFIX = "..";
    private static final Pattern SCHEMA_FILE =
            Pattern.compile("([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*)\\.v([1-9][0-9]{0,8})\\.json");

    /** Whether the folder entry is meant to be a schema file: a {@code .json} name that is not a mount internal. */
    static boolean isMeantAsSchema(String fileName) {
        return fileName.endsWith(JSON_SUFFIX) && !fileName.startsWith(MOUNT_INTERNAL_PREFIX);
    }

    /** The type and version the name declares, or empty when the name does not follow the pattern. */
    static Optional<SchemaFileName> parse(String fileName) {
        Matcher matcher = SCHEMA_FILE.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SchemaFileName(matcher.group(1), Integer.parseInt(matcher.group(2))));
    }
}

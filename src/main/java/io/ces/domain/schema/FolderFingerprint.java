package io.ces.domain.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the schema folder looks like without reading any file: each entry's name, size and last-modified time.
 *
 * <p>It covers every entry, ignored ones too: a ConfigMap update writes a new timestamped folder and swaps the
 * {@code ..data} link, while the schema files themselves are links whose own names never change. A file rewritten
 * in place with the same size within the file system's timestamp resolution goes unnoticed; that is the price of
 * not reading the files.
 */
record FolderFingerprint(Map<String, Stamp> entries) {

    /** Size and last-modified time of one entry, following links. */
    record Stamp(long size, FileTime lastModified) {

        /** An entry that vanished or whose link is broken between listing and reading its attributes. */
        static final Stamp UNREADABLE = new Stamp(-1, FileTime.fromMillis(0));
    }

    /** A fingerprint that no folder has, so that the next comparison sees a change. */
    static final FolderFingerprint UNKNOWN = new FolderFingerprint(null);

    static FolderFingerprint of(Path folder) throws IOException {
        Map<String, Stamp> entries = new TreeMap<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.forEach(entry -> entries.put(entry.getFileName().toString(), stampOf(entry)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new FolderFingerprint(Map.copyOf(entries));
    }

    private static Stamp stampOf(Path entry) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return Stamp.UNREADABLE;
        }
    }
}

package io.ces.domain.schema;

/**
 * The schema folder cannot become a {@link SchemaCatalog}. The message names the folder or the file and what is
 * wrong with it, because an operator reads it in the log and has to find the file to fix.
 */
public final class SchemaLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaLoadException(String message) {
        super(message);
    }

    public SchemaLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem with one file, named so that the operator can find it. */
    static SchemaLoadException inFile(String fileName, String problem) {
        return new SchemaLoadException(fileName + ": " + problem);
    }
}

package io.ces.domain.schema;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The current {@link SchemaCatalog} of a schema folder, reloaded when the folder changes, so that schemas can be
 * added or changed (a ConfigMap edit) without a restart.
 *
 * <p>The folder is looked at lazily, by {@link #current()}, at most once per check interval: only the names, sizes
 * and last-modified times of its entries; files are read again only when these changed. A reload that fails keeps
 * the previous catalog, so that a bad schema written at run time does not stop validation, and is reported by
 * {@link #lastReloadError()}.
 *
 * <p>Thread-safe. Between checks, {@link #current()} takes no lock. When a check is due, one caller makes it while
 * the others go on with the catalog they have, so no consumer thread waits for a reload.
 */
public final class ReloadingSchemaCatalog {

    /** Everything a caller sees, replaced as a whole so that it is consistent without a lock. */
    private record State(SchemaCatalog catalog, FolderFingerprint loadedFrom, Instant nextCheck, String reloadError) {
    }

    private final Path folder;
    private final Duration checkInterval;
    private final Clock clock;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile State state;

    /**
     * Loads the folder now.
     *
     * @param folder the schema folder, as {@link SchemaCatalog#load(Path)} reads it
     * @param checkInterval how long to go on with the current catalog before looking at the folder again; zero looks
     *     at every call
     * @param clock the time source for the interval
     * @throws SchemaLoadException if the folder cannot be loaded: a server must not start without the schemas it
     *     was given
     */
    public ReloadingSchemaCatalog(Path folder, Duration checkInterval, Clock clock) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative: " + checkInterval);
        }
        Instant now = clock.instant();
        // Taken before loading: a change made while loading then shows at the next check instead of being missed.
        FolderFingerprint fingerprint = fingerprintOrUnknown();
        this.state = new State(SchemaCatalog.load(folder), fingerprint, now.plus(checkInterval), null);
    }

    /** The catalog to validate with; looks at the folder first when the check interval has passed. */
    public SchemaCatalog current() {
        State seen = state;
        if (clock.instant().isBefore(seen.nextCheck()) || !checking.tryLock()) {
            return seen.catalog();
        }
        try {
            return check().catalog();
        } finally {
            checking.unlock();
        }
    }

    /**
     * Why the last look at the folder did not give a new catalog (a bad schema file, an unreadable folder), while
     * the previous catalog stays in use; empty once the folder loads again, or if it always did.
     */
    public Optional<String> lastReloadError() {
        return Optional.ofNullable(state.reloadError());
    }

    /** Called with {@link #checking} held. */
    private State check() {
        State seen = state;
        Instant now = clock.instant();
        if (now.isBefore(seen.nextCheck())) {
            return seen; // another caller checked between our look at the state and taking the lock
        }
        Instant nextCheck = now.plus(checkInterval);
        FolderFingerprint fingerprint;
        try {
            fingerprint = FolderFingerprint.of(folder);
        } catch (IOException e) {
            // Unknown, so that the folder is loaded again as soon as it can be listed again.
            state = new State(seen.catalog(), FolderFingerprint.UNKNOWN, nextCheck,
                    "schema folder " + folder + " cannot be listed (" + e + ")");
            return state;
        }
        if (fingerprint.equals(seen.loadedFrom())) {
            // Unchanged since the last load, good or bad: reading the files again would give the same result.
            state = new State(seen.catalog(), seen.loadedFrom(), nextCheck, seen.reloadError());
        } else {
            state = reload(seen.catalog(), fingerprint, nextCheck);
        }
        return state;
    }

    private State reload(SchemaCatalog previous, FolderFingerprint fingerprint, Instant nextCheck) {
        try {
            return new State(SchemaCatalog.load(folder), fingerprint, nextCheck, null);
        } catch (SchemaLoadException e) {
            return new State(previous, fingerprint, nextCheck, e.getMessage());
        }
    }

    private FolderFingerprint fingerprintOrUnknown() {
        try {
            return FolderFingerprint.of(folder);
        } catch (IOException e) {
            return FolderFingerprint.UNKNOWN; // the load that follows reports the folder's problem
        }
    }

    @Override
    public String toString() {
        return "ReloadingSchemaCatalog[" + folder + ", every " + checkInterval + "]";
    }
}

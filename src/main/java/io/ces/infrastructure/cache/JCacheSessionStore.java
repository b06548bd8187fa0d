package io.ces.infrastructure.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.hazelcast.cache.ICache;

import io.ces.domain.session.SessionSnapshot;
import io.ces.domain.session.SessionStore;

/**
 * Session state in the JCache cache {@code ces-sessions}. Every entry is a lease that expires unless written again,
 * so the store forgets abandoned sessions even when the replica that held them is gone.
 * Hazelcast's {@link ICache} is used for what JCache cannot say: a per-entry expiry on a conditional write. The
 * condition compares serialized values, which is why snapshots serialize deterministically.
 */
@ApplicationScoped
public class JCacheSessionStore implements SessionStore {

    static final String CACHE = "ces-sessions";

    @Inject
    HazelcastMember member;

    private ICache<String, SessionSnapshot> cache;

    public JCacheSessionStore() {
        // for CDI: the cache is opened once the member is injected
    }

    /** A store over a cache opened elsewhere (tests). */
    JCacheSessionStore(ICache<String, SessionSnapshot> cache) {
        this.cache = cache;
    }

    @PostConstruct
    void open() {
        cache = member.cache(CACHE,
                new MutableConfiguration<String, SessionSnapshot>().setTypes(String.class, SessionSnapshot.class));
    }

    @Override
    public void create(SessionSnapshot snapshot, Duration lease) {
        cache.put(snapshot.id(), snapshot, expiry(lease));
    }

    /** Compare-and-set rounds before an update gives up; each lost round means another write came in between. */
    private static final int ATTEMPTS = 16;

    @Override
    public Update update(SessionSnapshot snapshot, Duration lease) {
        try {
            return updateAsync(snapshot, lease).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public CompletionStage<Update> updateAsync(SessionSnapshot snapshot, Duration lease) {
        return compareAndSet(snapshot, expiry(lease), ATTEMPTS);
    }

    private CompletionStage<Update> compareAndSet(SessionSnapshot snapshot, ExpiryPolicy expiry, int attemptsLeft) {
        if (attemptsLeft == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "session " + snapshot.id() + " changed concurrently " + ATTEMPTS + " times"));
        }
        return cache.getAsync(snapshot.id()).thenCompose(current -> {
            if (current == null) {
                return CompletableFuture.completedFuture(Update.ABSENT);
            }
            if (current.epoch() > snapshot.epoch()) {
                return CompletableFuture.completedFuture(Update.NEWER_ELSEWHERE);
            }
            return cache.replaceAsync(snapshot.id(), current, snapshot, expiry).thenCompose(replaced -> replaced
                    ? CompletableFuture.completedFuture(Update.WRITTEN)
                    : compareAndSet(snapshot, expiry, attemptsLeft - 1));
        });
    }

    @Override
    public Optional<SessionSnapshot> find(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(cache.get(sessionId));
    }

    @Override
    public void remove(String sessionId) {
        cache.remove(sessionId);
    }

    /** Standard, serializable policies: Hazelcast ships them to the member that owns the entry. */
    private static ExpiryPolicy expiry(Duration lease) {
        return new ModifiedExpiryPolicy(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, Math.max(1, lease.toMillis())));
    }
}

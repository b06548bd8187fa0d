package io.ces.infrastructure.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.ces.domain.delivery.CursorPosition;
import io.ces.domain.session.SessionSnapshot;
import io.ces.domain.session.SessionStore.Update;

/** The session store's conditional writes on a real Hazelcast member in this JVM. */
class JCacheSessionStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static HazelcastInstance member;
    private static JCacheSessionStore store;

    @BeforeAll
    static void member() {
        member = Hazelcast.newHazelcastInstance(LocalMembers.config("ces-session-store-test", 25811, 1));
        CachingProvider provider = Caching.getCachingProvider(HazelcastMemberCachingProvider.class.getName());
        ICache<String, SessionSnapshot> cache = provider.getCacheManager(null, null,
                HazelcastCachingProvider.propertiesByInstanceItself(member))
                .createCache(JCacheSessionStore.CACHE, HazelcastMember.withoutEviction(
                        new MutableConfiguration<String, SessionSnapshot>().setTypes(String.class, SessionSnapshot.class)))
                .unwrap(ICache.class);
        store = new JCacheSessionStore(cache);
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    /** A session of user-1 in room-1 at {@code seq}, as replica-a shares it; the cluster test writes the same. */
    static SessionSnapshot snapshot(String id, long epoch, long seq) {
        Instant created = Instant.parse("2026-11-23T06:00:00Z");
        return new SessionSnapshot(id, "user-1", "resume-" + id, created,
                Map.of("room-1", new CursorPosition("ces.events", 0, seq)), CursorPosition.START, CursorPosition.START,
                true, "replica-a", epoch, created, created, null, "127.0.0.1", "test", false, Map.of());
    }

    @Test
    void aWriteReplacesTheStateOfTheSameEpoch() {
        store.create(snapshot("s-1", 1, 10), LEASE);
        SessionSnapshot next = snapshot("s-1", 1, 11);
        assertEquals(Update.WRITTEN, store.update(next, LEASE));
        assertEquals(Optional.of(next), store.find("s-1"));
        assertEquals(Optional.empty(), store.find("s-unknown"));
    }

    @Test
    void aNewerEpochElsewhereIsNeverOverwritten() {
        store.create(snapshot("s-2", 1, 10), LEASE);
        SessionSnapshot resumedElsewhere = snapshot("s-2", 2, 10);
        assertEquals(Update.WRITTEN, store.update(resumedElsewhere, LEASE));

        assertEquals(Update.NEWER_ELSEWHERE, store.update(snapshot("s-2", 1, 11), LEASE),
                "the replica that lost the session cannot write it back");
        assertEquals(Optional.of(resumedElsewhere), store.find("s-2"));
    }

    @Test
    void aRemovedSessionIsAbsentAndNotWrittenBack() {
        store.create(snapshot("s-3", 1, 10), LEASE);
        store.remove("s-3");
        assertEquals(Update.ABSENT, store.update(snapshot("s-3", 1, 11), LEASE));
        assertEquals(Optional.empty(), store.find("s-3"));
    }

    @Test
    void manyWritesUnderWayAtOnceKeepTheEpochRule() {
        List<CompletableFuture<Update>> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            store.create(snapshot("s-many-" + i, 1, 10), LEASE);
        }
        store.update(snapshot("s-many-7", 2, 10), LEASE); // resumed on another replica
        store.remove("s-many-9");
        for (int i = 0; i < 500; i++) {
            writes.add(store.updateAsync(snapshot("s-many-" + i, 1, 11), LEASE).toCompletableFuture());
        }
        for (int i = 0; i < 500; i++) {
            Update expected = i == 7 ? Update.NEWER_ELSEWHERE : i == 9 ? Update.ABSENT : Update.WRITTEN;
            assertEquals(expected, writes.get(i).join(), "session " + i);
        }
        assertEquals(11, store.find("s-many-499").orElseThrow().rooms().get("room-1").seq());
        assertEquals(2, store.find("s-many-7").orElseThrow().epoch());
    }

    @Test
    void holdsMoreSessionsThanHazelcastsDefaultBoundOfACache() {
        int sessions = 12_000;
        CachingProvider provider = Caching.getCachingProvider(HazelcastMemberCachingProvider.class.getName());
        ICache<String, String> bounded = provider.getCacheManager(null, null,
                HazelcastCachingProvider.propertiesByInstanceItself(member))
                .createCache("bounded-by-default", new MutableConfiguration<String, String>()
                        .setTypes(String.class, String.class))
                .unwrap(ICache.class);
        for (int i = 0; i < sessions; i++) {
            bounded.put("s-" + i, "x");
            store.create(snapshot("s-held-" + i, 1, 10), LEASE);
        }
        assertTrue(bounded.size() < sessions, "without CES's configuration, Hazelcast evicts beyond 10,000 entries");
        for (int i = 0; i < sessions; i++) {
            assertTrue(store.find("s-held-" + i).isPresent(), "session " + i);
        }
    }

    @Test
    void anEntryIsDroppedWhenItsLeaseRunsOut() throws InterruptedException {
        store.create(snapshot("s-4", 1, 10), Duration.ofMillis(300));
        assertEquals(Update.WRITTEN, store.update(snapshot("s-4", 1, 11), Duration.ofMillis(300)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.find("s-4").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Optional.empty(), store.find("s-4"), "not renewed: gone, even with no replica to remove it");
    }
}

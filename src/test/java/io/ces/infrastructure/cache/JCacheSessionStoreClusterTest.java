package io.ces.infrastructure.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.ces.domain.session.SessionSnapshot;
import io.ces.domain.session.SessionStore.Update;

/**
 * The session store's writes without waiting, on a real two-member cluster in this JVM: half the sessions live on
 * the other member, so each compare-and-set's read answers from a remote call and its replace is started from
 * that answer. Hazelcast refuses remote calls from its own response threads; this shows the store never makes one
 * there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JCacheSessionStoreClusterTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final List<HazelcastInstance> MEMBERS = new ArrayList<>();
    private static JCacheSessionStore store;

    @BeforeAll
    static void cluster() {
        for (int i = 0; i < 2; i++) {
            MEMBERS.add(Hazelcast.newHazelcastInstance(LocalMembers.config("ces-session-store-cluster", 25831, 2)));
        }
        store = new JCacheSessionStore(sessionCache(MEMBERS.get(0)));
        sessionCache(MEMBERS.get(1)); // the other member knows the cache as a replica creates it
    }

    @SuppressWarnings("unchecked")
    private static ICache<String, SessionSnapshot> sessionCache(HazelcastInstance member) {
        CachingProvider provider = Caching.getCachingProvider(HazelcastMemberCachingProvider.class.getName());
        var manager = provider.getCacheManager(null, null, HazelcastCachingProvider.propertiesByInstanceItself(member));
        var cache = manager.getCache(JCacheSessionStore.CACHE, String.class, SessionSnapshot.class);
        if (cache == null) {
            cache = manager.createCache(JCacheSessionStore.CACHE, HazelcastMember.withoutEviction(
                    new MutableConfiguration<String, SessionSnapshot>().setTypes(String.class, SessionSnapshot.class)));
        }
        return cache.unwrap(ICache.class);
    }

    @AfterAll
    static void stop() {
        MEMBERS.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void writesUnderWayAtOnceSucceedWhicheverMemberHoldsTheSession() {
        assertEquals(2, MEMBERS.get(0).getCluster().getMembers().size());
        int sessions = 500;
        for (int i = 0; i < sessions; i++) {
            store.create(JCacheSessionStoreTest.snapshot("s-" + i, 1, 10), LEASE);
        }
        long remote = 0;
        for (int i = 0; i < sessions; i++) {
            if (!MEMBERS.get(0).getPartitionService().getPartition("s-" + i).getOwner().localMember()) {
                remote++;
            }
        }
        assertTrue(remote > sessions / 4, remote + " sessions held by the other member");
        store.update(JCacheSessionStoreTest.snapshot("s-7", 2, 10), LEASE); // resumed on another replica
        store.remove("s-9");

        List<CompletableFuture<Update>> writes = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            writes.add(store.updateAsync(JCacheSessionStoreTest.snapshot("s-" + i, 1, 11), LEASE).toCompletableFuture());
        }
        for (int i = 0; i < sessions; i++) {
            Update expected = i == 7 ? Update.NEWER_ELSEWHERE : i == 9 ? Update.ABSENT : Update.WRITTEN;
            assertEquals(expected, writes.get(i).join(), "session " + i);
        }
        for (int i = 0; i < sessions; i++) {
            if (i != 7 && i != 9) {
                assertEquals(11, store.find("s-" + i).orElseThrow().rooms().get("room-1").seq(), "session " + i);
            }
        }
    }
}

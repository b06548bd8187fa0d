package io.ces.infrastructure.cache;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.hazelcast.cache.ICache;

import io.ces.domain.presence.PresenceSignal;
import io.ces.domain.presence.PresenceStore;
import io.ces.domain.presence.RoomPresence;
import io.ces.infrastructure.config.PresenceSettings;

/**
 * Room presence in the JCache cache {@code ces-presence}, one entry per room. Every change is an entry processor,
 * which runs on the member that owns the room's entry, one at a time: of two replicas adding the same user's
 * sessions at once, exactly one sees the first join. An entry nobody renews (every replica that held its sessions
 * is gone) expires after twice the lease, well after the pruning sweep has announced its members' leave.
 */
@ApplicationScoped
public class JCachePresenceStore implements PresenceStore {

    static final String CACHE = "ces-presence";

    @Inject
    HazelcastMember member;

    @Inject
    PresenceSettings settings;

    private ICache<String, RoomPresence> cache;

    @PostConstruct
    void open() {
        long keepSeconds = settings.lease().toSeconds() * 2;
        cache = member.cache(CACHE, new MutableConfiguration<String, RoomPresence>()
                .setTypes(String.class, RoomPresence.class)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new ModifiedExpiryPolicy(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, keepSeconds)))));
    }

    @Override
    public List<PresenceSignal> join(String room, String user, String session, long epoch, Instant now,
            Duration lease) {
        return cache.invoke(room, new Join(user, session, epoch, now, lease));
    }

    @Override
    public List<PresenceSignal> leave(String room, String user, String session, long epoch, Instant now) {
        return cache.invoke(room, new Leave(user, session, epoch, now));
    }

    @Override
    public List<PresenceSignal> renew(String room, Map<String, Member> sessions, Instant now, Duration lease) {
        return cache.invoke(room, new Renew(new HashMap<>(sessions), now, lease));
    }

    @Override
    public List<PresenceSignal> pruneExpired(Instant now) {
        List<PresenceSignal> left = new ArrayList<>();
        for (Cache.Entry<String, RoomPresence> entry : cache) {
            if (entry.getValue() != null && entry.getValue().hasExpired(now)) {
                left.addAll(cache.invoke(entry.getKey(), new Prune(now)));
            }
        }
        return left;
    }

    @Override
    public Optional<RoomPresence> find(String room) {
        return Optional.ofNullable(cache.get(room));
    }

    /** Stores the room's presence after a change, or removes the entry when nobody is left. */
    private static void store(MutableEntry<String, RoomPresence> entry, RoomPresence presence) {
        if (presence.isEmpty()) {
            if (entry.exists()) {
                entry.remove();
            }
        } else {
            entry.setValue(presence);
        }
    }

    private static RoomPresence current(MutableEntry<String, RoomPresence> entry) {
        return entry.exists() ? entry.getValue() : new RoomPresence(entry.getKey());
    }

    /** Serializable: Hazelcast ships it to the member that owns the room's entry. */
    record Join(String user, String session, long epoch, Instant now, Duration lease)
            implements EntryProcessor<String, RoomPresence, List<PresenceSignal>>, Serializable {

        @Override
        public List<PresenceSignal> process(MutableEntry<String, RoomPresence> entry, Object... arguments) {
            RoomPresence presence = current(entry);
            List<PresenceSignal> signals = new ArrayList<>(presence.prune(now));
            signals.addAll(presence.join(user, session, epoch, now, lease));
            store(entry, presence);
            return signals;
        }
    }

    record Leave(String user, String session, long epoch, Instant now)
            implements EntryProcessor<String, RoomPresence, List<PresenceSignal>>, Serializable {

        @Override
        public List<PresenceSignal> process(MutableEntry<String, RoomPresence> entry, Object... arguments) {
            if (!entry.exists()) {
                return List.of();
            }
            RoomPresence presence = entry.getValue();
            List<PresenceSignal> signals = new ArrayList<>(presence.leave(user, session, epoch, now));
            signals.addAll(presence.prune(now));
            store(entry, presence);
            return signals;
        }
    }

    record Renew(HashMap<String, Member> sessions, Instant now, Duration lease)
            implements EntryProcessor<String, RoomPresence, List<PresenceSignal>>, Serializable {

        @Override
        public List<PresenceSignal> process(MutableEntry<String, RoomPresence> entry, Object... arguments) {
            RoomPresence presence = current(entry);
            List<PresenceSignal> signals = new ArrayList<>(presence.prune(now));
            sessions.forEach((session, member) -> signals.addAll(
                    presence.join(member.user(), session, member.epoch(), now, lease)));
            store(entry, presence);
            return signals;
        }
    }

    record Prune(Instant now) implements EntryProcessor<String, RoomPresence, List<PresenceSignal>>, Serializable {

        @Override
        public List<PresenceSignal> process(MutableEntry<String, RoomPresence> entry, Object... arguments) {
            if (!entry.exists()) {
                return List.of();
            }
            RoomPresence presence = entry.getValue();
            List<PresenceSignal> signals = presence.prune(now);
            store(entry, presence);
            return signals;
        }
    }
}

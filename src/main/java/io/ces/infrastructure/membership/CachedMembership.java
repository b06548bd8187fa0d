package io.ces.infrastructure.membership;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.cache.ICache;

import io.ces.domain.room.RoomMembership;
import io.ces.infrastructure.cache.HazelcastMember;

/**
 * The membership service's answers, cached in the JCache cache {@code ces-room-membership} for
 * {@code ces.membership.cache-seconds} and shared by every replica. Only real answers are cached: a denial because
 * the service could not be asked is not, so access returns as soon as the service does.
 */
@ApplicationScoped
public class CachedMembership implements RoomMembership {

    static final String CACHE = "ces-room-membership";

    @Inject
    MembershipClient client;

    @Inject
    HazelcastMember member;

    @Inject
    @ConfigProperty(name = "ces.membership.cache-seconds", defaultValue = "60")
    long cacheSeconds;

    private ICache<String, Boolean> answers;

    @PostConstruct
    void open() {
        if (client.configured() && cacheSeconds > 0) {
            answers = member.expiringCache(CACHE, Boolean.class, Duration.ofSeconds(cacheSeconds));
        }
    }

    @Override
    public Answer check(String user, String room) {
        if (!client.configured()) {
            return Answer.NOT_MEMBER;
        }
        String key = user.length() + ":" + user + room;
        Boolean cached = answers == null ? null : answers.get(key);
        if (cached != null) {
            return cached ? Answer.MEMBER : Answer.NOT_MEMBER;
        }
        Answer answer = client.ask(user, room);
        if (answer != Answer.UNKNOWN && answers != null) {
            answers.put(key, answer == Answer.MEMBER);
        }
        return answer;
    }
}

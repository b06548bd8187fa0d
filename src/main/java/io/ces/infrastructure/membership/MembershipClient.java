package io.ces.infrastructure.membership;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.ces.domain.room.RoomMembership.Answer;
import io.ces.infrastructure.logging.LogFields;

/**
 * Asks the membership service, guarded: each call times out, fails fast while the circuit is open, is retried with
 * jitter a few times, and falls back to {@code UNKNOWN} (a denial). Every limit can be changed through MP Config,
 * for example {@code io.ces.infrastructure.membership.MembershipClient/ask/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class MembershipClient {

    private static final Logger LOG = Logger.getLogger(MembershipClient.class.getName());

    @Inject
    @ConfigProperty(name = "ces.membership.url")
    Optional<String> url;

    private MembershipApi api;

    @PostConstruct
    void connect() {
        url.map(String::trim).filter(u -> !u.isEmpty()).ifPresent(base -> {
            api = RestClientBuilder.newBuilder().baseUri(URI.create(base))
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS).build(MembershipApi.class);
            LOG.info("CES0501I: room membership not granted by a token is asked of " + base);
        });
    }

    public boolean configured() {
        return api != null;
    }

    @Timeout(value = 1, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    @Fallback(fallbackMethod = "unknown")
    public Answer ask(String user, String room) {
        JsonObject answer = api.membership(room, user);
        JsonValue member = answer.get("member");
        if (member == JsonValue.TRUE) {
            return Answer.MEMBER;
        }
        if (member == JsonValue.FALSE) {
            return Answer.NOT_MEMBER;
        }
        throw new IllegalStateException("the membership service answered without a boolean \"member\": " + answer);
    }

    Answer unknown(String user, String room) {
        LogFields.none().room(room).log(LOG, Level.FINE, "membership in room " + room + " unknown; denied");
        return Answer.UNKNOWN;
    }
}

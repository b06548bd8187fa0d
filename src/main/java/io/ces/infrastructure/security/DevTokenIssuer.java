package io.ces.infrastructure.security;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo's token issuer: signs tokens with a key pair generated on first run into {@code ces.dev.key-dir}, and
 * publishes its public half for MP-JWT. Disabled unless {@code ces.dev.enabled=true}; then nothing is generated
 * and the /dev endpoints answer 404.
 */
@ApplicationScoped
public class DevTokenIssuer {

    private static final Logger LOG = Logger.getLogger(DevTokenIssuer.class.getName());

    @Inject
    @ConfigProperty(name = "ces.dev.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "ces.dev.key-dir", defaultValue = "dev-keys")
    String keyDir;

    @Inject
    @ConfigProperty(name = "ces.dev.token-ttl-seconds", defaultValue = "3600")
    long defaultTtlSeconds;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "ces-dev")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "ces")
    String audiences;

    private TokenMinter minter;

    @PostConstruct
    void init() {
        if (!enabled) {
            return;
        }
        Path folder = Path.of(keyDir).toAbsolutePath();
        try {
            minter = new TokenMinter(PemKeys.loadOrGenerate(folder), issuer, audiences.split(",")[0].trim());
        } catch (Exception e) {
            throw new IllegalStateException("ces.dev.key-dir: cannot load or create the dev signing key in " + folder, e);
        }
        LOG.info("CES0201I: demo token issuer enabled, signing key in " + folder);
    }

    public boolean isEnabled() {
        return minter != null;
    }

    public long defaultTtlSeconds() {
        return defaultTtlSeconds;
    }

    public String mint(String subject, List<String> rooms, List<String> groups, long ttlSeconds) {
        return requireEnabled().mint(subject, rooms, groups, ttlSeconds);
    }

    public String publicJwks() {
        return requireEnabled().publicJwks();
    }

    private TokenMinter requireEnabled() {
        if (minter == null) {
            throw new IllegalStateException("the demo token issuer is disabled");
        }
        return minter;
    }
}

package io.ces.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.routing.InvalidDocumentException;
import io.ces.domain.routing.RoutingRules;
import io.ces.domain.routing.RuleParser;
import io.ces.domain.routing.SettingsStore;

/**
 * The routing rules in force on this replica: those of the control topic's latest {@code routing-rules} document,
 * or, while it holds none, those of {@code ces.routing.rules-file}. Operators replace them through the admin API; the
 * change is written to the control topic, from which every replica (this one too) applies it.
 */
@ApplicationScoped
public class RoutingRulesService {

    private static final Logger LOG = Logger.getLogger(RoutingRulesService.class.getName());
    private static final Duration APPLY_WAIT = Duration.ofSeconds(5);

    @Inject
    SettingsStore store;

    @Inject
    @ConfigProperty(name = "ces.routing.rules-file")
    Optional<String> rulesFile;

    private final RuleParser parser = new RuleParser(JsonProvider.provider());
    private final AppliedVersions versions = new AppliedVersions();
    private RoutingRules configured = RoutingRules.NONE;
    private volatile RoutingRules current = RoutingRules.NONE;
    private volatile long version = -1;

    @PostConstruct
    void loadFile() {
        String file = rulesFile.map(String::trim).orElse("");
        if (file.isEmpty()) {
            return;
        }
        try {
            configured = parser.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            current = configured;
            LOG.info("CES1202I: " + configured.size() + " routing rules from " + file);
        } catch (IOException e) {
            LOG.severe("CES1203E: the routing rules file " + file + " cannot be read (" + e
                    + "); no rules from configuration apply");
        } catch (InvalidDocumentException e) {
            LOG.severe("CES1203E: the routing rules file " + file + " is not valid; no rules from configuration apply: "
                    + String.join("; ", e.errors()));
        }
    }

    /** The rules to route with; read once per event. */
    public RoutingRules current() {
        return current;
    }

    public RuntimeSetting setting() {
        return new RuntimeSetting(current.document(), version);
    }

    /** Checks the document, stores it for every replica, and answers once this replica applies it. */
    public RuntimeSetting replace(String document) throws InvalidDocumentException {
        RoutingRules rules = parser.parse(document);
        long written = store.write(SettingsStore.ROUTING_RULES, rules.document().toString());
        versions.await(written, APPLY_WAIT);
        return new RuntimeSetting(rules.document(), written);
    }

    /** Removes the stored rules: every replica goes back to those of its configuration. */
    public RuntimeSetting reset() {
        long written = store.write(SettingsStore.ROUTING_RULES, null);
        versions.await(written, APPLY_WAIT);
        return setting();
    }

    /**
     * A document (or its removal, null) read from the control topic. One that does not validate (written around
     * the admin API) is logged and ignored: the rules in force stay.
     */
    public void received(String document, long offset) {
        try {
            RoutingRules rules = document == null ? configured : parser.parse(document);
            current = rules;
            version = document == null ? -1 : offset;
            LOG.info("CES1204I: routing rules " + (document == null ? "from configuration" : "version " + offset)
                    + " in force: " + rules.size() + " rules");
        } catch (InvalidDocumentException e) {
            LOG.severe("CES1205E: routing rules version " + offset + " of the control topic are not valid and were "
                    + "ignored; the previous rules stay in force: " + String.join("; ", e.errors()));
        } finally {
            versions.applied(offset);
        }
    }
}

package io.ces.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.json.StrictJsonReader;
import io.ces.domain.routing.InvalidDocumentException;
import io.ces.domain.routing.SettingsStore;
import io.ces.domain.routing.TopicSelection;

/**
 * The additional topics this replica consumes: the control topic's latest {@code topics} document, or, while it
 * holds none, {@code ces.kafka.additional-topics}. Operators change them through the admin API; the consumer of the
 * additional topics listens and subscribes again.
 */
@ApplicationScoped
public class TopicSubscriptionService {

    private static final Logger LOG = Logger.getLogger(TopicSubscriptionService.class.getName());
    private static final Duration APPLY_WAIT = Duration.ofSeconds(5);

    @Inject
    SettingsStore store;

    @Inject
    @ConfigProperty(name = "ces.kafka.additional-topics")
    Optional<List<String>> configuredTopics;

    @Inject
    @ConfigProperty(name = "ces.kafka.topic")
    String mainTopic;

    @Inject
    @ConfigProperty(name = "ces.kafka.dead-letter-topic", defaultValue = "ces.events.dlq")
    String deadLetterTopic;

    @Inject
    @ConfigProperty(name = "ces.kafka.presence-topic", defaultValue = "ces.presence")
    String presenceTopic;

    @Inject
    @ConfigProperty(name = "ces.kafka.receipts-topic", defaultValue = "ces.receipts")
    String receiptsTopic;

    @Inject
    @ConfigProperty(name = "ces.kafka.control-topic", defaultValue = "ces.control")
    String controlTopic;

    private final AppliedVersions versions = new AppliedVersions();
    private final List<Consumer<TopicSelection>> listeners = new CopyOnWriteArrayList<>();
    private Set<String> reserved;
    private TopicSelection configured;
    private volatile TopicSelection current;
    private volatile long version = -1;

    @PostConstruct
    void init() {
        reserved = Set.of(mainTopic, deadLetterTopic, presenceTopic, receiptsTopic, controlTopic);
        configured = TopicSelection.configured(configuredTopics.orElse(List.of()), reserved);
        current = configured;
    }

    /** CES's own topics, which are never consumed as additional topics. */
    public Set<String> reserved() {
        return reserved;
    }

    public String mainTopic() {
        return mainTopic;
    }

    public RuntimeSetting setting() {
        return new RuntimeSetting(current.toJson(), version);
    }

    /** Tells the listener the current selection now, and every change from then on (on the control topic's thread). */
    public void listen(Consumer<TopicSelection> listener) {
        synchronized (listeners) { // a change applied meanwhile must not be overtaken by the older selection
            listeners.add(listener);
            listener.accept(current);
        }
    }

    public RuntimeSetting replace(JsonObject document) throws InvalidDocumentException {
        return store(TopicSelection.parse(document, reserved));
    }

    public RuntimeSetting add(String topic) throws InvalidDocumentException {
        return store(TopicSelection.parse(current.with(topic).toJson(), reserved));
    }

    /** Stops consuming one named topic; the main topic cannot be removed. */
    public RuntimeSetting remove(String topic) throws InvalidDocumentException {
        if (topic.equals(mainTopic)) {
            throw new InvalidDocumentException(List.of("\"" + topic + "\" is the main topic (ces.kafka.topic); it is "
                    + "always consumed and cannot be removed"));
        }
        if (!current.topics().contains(topic)) {
            throw new InvalidDocumentException(List.of("\"" + topic + "\" is not one of the listed topics "
                    + current.topics() + (current.pattern() == null ? "" : "; the pattern may match it")));
        }
        return store(current.without(topic));
    }

    /** Removes the stored selection: every replica goes back to ces.kafka.additional-topics. */
    public RuntimeSetting reset() {
        long written = store.write(SettingsStore.TOPICS, null);
        versions.await(written, APPLY_WAIT);
        return setting();
    }

    private RuntimeSetting store(TopicSelection selection) {
        long written = store.write(SettingsStore.TOPICS, selection.toJson().toString());
        versions.await(written, APPLY_WAIT);
        return new RuntimeSetting(selection.toJson(), written);
    }

    /** A document (or its removal, null) read from the control topic; an invalid one is logged and ignored. */
    public void received(String document, long offset) {
        try {
            TopicSelection selection = document == null ? configured
                    : TopicSelection.parse(new StrictJsonReader(jakarta.json.spi.JsonProvider.provider())
                            .readObject(document), reserved);
            synchronized (listeners) {
                current = selection;
                version = document == null ? -1 : offset;
                for (Consumer<TopicSelection> listener : listeners) {
                    listener.accept(selection);
                }
            }
            LOG.info("CES1206I: additional topics " + (document == null ? "from configuration" : "version " + offset)
                    + " in force: " + selection.toJson());
        } catch (InvalidDocumentException e) {
            LOG.severe("CES1207E: additional topics version " + offset + " of the control topic are not valid and "
                    + "were ignored: " + String.join("; ", e.errors()));
        } catch (StrictJsonReader.InvalidJsonException e) {
            LOG.log(Level.SEVERE, "CES1207E: additional topics version " + offset + " of the control topic are not "
                    + "JSON and were ignored: " + e.getMessage());
        } finally {
            versions.applied(offset);
        }
    }
}

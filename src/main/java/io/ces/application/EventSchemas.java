package io.ces.application;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.event.CloudEvent;
import io.ces.domain.schema.ReloadingSchemaCatalog;
import io.ces.domain.schema.SchemaCatalog;
import io.ces.domain.schema.SchemaVerdict;

/**
 * The JSON Schemas registered in {@code ces.schemas.dir} (a folder, such as a mounted ConfigMap), reread when the
 * folder changes. Events of a type without schemas, and all events when no folder is configured, pass unchecked.
 */
@ApplicationScoped
public class EventSchemas {

    private static final Logger LOG = Logger.getLogger(EventSchemas.class.getName());

    @Inject
    @ConfigProperty(name = "ces.schemas.dir")
    Optional<String> folder;

    @Inject
    @ConfigProperty(name = "ces.schemas.reload-seconds", defaultValue = "10")
    long reloadSeconds;

    private ReloadingSchemaCatalog catalog;

    @PostConstruct
    void load() {
        if (folder.isPresent()) {
            catalog = new ReloadingSchemaCatalog(Path.of(folder.get()), Duration.ofSeconds(reloadSeconds),
                    Clock.systemUTC());
            SchemaCatalog loaded = catalog.current();
            LOG.info("CES0109I: " + loaded.size() + " JSON Schemas for " + loaded.types().size()
                    + " event types from " + folder.get());
        }
    }

    /** Loads at startup, so that a folder that does not load stops the deployment instead of the first event. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct loads
    }

    /** How many schemas are loaded now; 0 when no schema folder is configured. */
    public int loadedSchemas() {
        return catalog == null ? 0 : catalog.current().size();
    }

    /** Whether events may be checked at all: a schema folder is configured. Without one, no event's data is read. */
    public boolean enabled() {
        return catalog != null;
    }

    public SchemaVerdict check(CloudEvent event) {
        if (catalog == null) {
            return SchemaVerdict.notChecked();
        }
        SchemaCatalog current = catalog.current();
        if (event.dataschema() == null && !current.types().contains(event.type())) {
            return SchemaVerdict.notChecked();
        }
        return current.validate(event.type(), event.dataschema(), event.data() == null ? null : event.data().toString());
    }
}

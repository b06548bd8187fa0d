package io.ces.interfaces.rest;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;

import io.ces.application.RuntimeSetting;
import io.ces.domain.routing.InvalidDocumentException;
import io.ces.domain.routing.SettingsStore.SettingsUnavailableException;

/** The answers of the runtime settings resources: the document in force with its version, or a problem. */
final class SettingsAnswers {

    private SettingsAnswers() {
    }

    /** The document's members plus {@code version} and {@code source} (control-topic or configuration). */
    static Response setting(RuntimeSetting setting, Map<String, String> extra) {
        JsonObjectBuilder answer = Json.createObjectBuilder();
        extra.forEach(answer::add);
        answer.add("version", setting.version())
                .add("source", setting.fromConfiguration() ? "configuration" : "control-topic");
        for (Map.Entry<String, JsonValue> member : setting.document().entrySet()) {
            answer.add(member.getKey(), member.getValue());
        }
        return Response.ok(answer.build().toString(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON).build();
    }

    /** 400 problem+json whose {@code errors} member lists every mistake. */
    static Response invalid(InvalidDocumentException invalid, String title, String instance) {
        JsonObject problem = Json.createReader(new java.io.StringReader(Problems.body(400, "invalid-document", title,
                invalid.errors().size() + " error(s): " + invalid.errors().get(0)
                        + (invalid.errors().size() > 1 ? " ..." : ""), instance))).readObject();
        JsonArrayBuilder errors = Json.createArrayBuilder();
        invalid.errors().forEach(errors::add);
        return Response.status(400).type(Problems.MEDIA_TYPE)
                .entity(Json.createObjectBuilder(problem).add("errors", errors).build().toString()).build();
    }

    static ProblemException unavailable(SettingsUnavailableException e) {
        return new ProblemException(503, "settings-unavailable", "Settings not stored",
                e.getMessage() + "; read the setting to see whether it changed, then try again");
    }
}

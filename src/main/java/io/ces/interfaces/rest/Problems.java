package io.ces.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 problem details, the body of every CES error response. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://ces.io/problems/";

    private Problems() {
    }

    /** The problem body as JSON text. {@code type} is a short slug such as {@code invalid-request}. */
    public static String body(int status, String type, String title, String detail, String instance) {
        JsonObjectBuilder problem = Json.createObjectBuilder()
                .add("type", TYPE_BASE + type)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            problem.add("detail", detail);
        }
        if (instance != null) {
            problem.add("instance", instance);
        }
        return problem.build().toString();
    }

    public static Response response(int status, String type, String title, String detail, String instance) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, type, title, detail, instance)).build();
    }
}

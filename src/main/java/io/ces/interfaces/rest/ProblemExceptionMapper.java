package io.ces.interfaces.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers every failure of a REST resource with problem+json: CES's own {@link ProblemException}s, the JAX-RS
 * exceptions (unknown path, wrong method or media type) with their status, and anything else as a 500 that is
 * logged but not explained to the caller.
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        String instance = uri == null ? null : uri.getRequestUri().getPath();
        if (failure instanceof ProblemException problem) {
            return Problems.response(problem.status(), problem.type(), problem.title(), problem.getMessage(), instance);
        }
        if (failure instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return Problems.response(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                    web.getMessage(), instance);
        }
        LOG.log(Level.SEVERE, "CES0301E: request " + instance + " failed", failure);
        return Problems.response(500, "internal-error", "Internal Server Error",
                "the request failed inside CES; the server log has the details", instance);
    }
}

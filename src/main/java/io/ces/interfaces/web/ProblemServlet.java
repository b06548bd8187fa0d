package io.ces.interfaces.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.ces.interfaces.rest.Problems;

/**
 * The error page for authentication failures, which the container answers before any application code runs
 * (web.xml error-page): they get the same problem+json body as every other CES error.
 */
@WebServlet("/problem/*")
public class ProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = uri == null ? null : uri.toString();
        String body = switch (status) {
            case 401 -> Problems.body(401, "unauthorized", "Unauthorized",
                    "a valid token is required: Authorization: Bearer <jwt>, or the ces_token cookie", instance);
            case 403 -> Problems.body(403, "forbidden", "Forbidden", "the token lacks group ces.user", instance);
            default -> Problems.body(status, "http-" + status, "Error", null, instance);
        };
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ces\"");
        }
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }
}

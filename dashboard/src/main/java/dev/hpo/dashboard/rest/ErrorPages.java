package dev.hpo.dashboard.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * What a page answers when it cannot show what was asked: 404 when study-service does not know it, else 503
 * naming the address the dashboard tried.
 */
@ApplicationScoped
public class ErrorPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance unavailable(String what, String studyServiceUrl, String reason);
    }

    private final String studyServiceUrl;

    public ErrorPages(@ConfigProperty(name = "quarkus.rest-client.study-service.url") String studyServiceUrl) {
        this.studyServiceUrl = studyServiceUrl;
    }

    /** An HTML page for a failed read of {@code what}. */
    public Response page(String what, Throwable failure) {
        if (isNotFound(failure)) {
            return notFound(what, "study-service knows no " + what);
        }
        return Response.status(503).type(MediaType.TEXT_HTML)
                .entity(Templates.unavailable(what, studyServiceUrl, reason(failure))).build();
    }

    /** A 404 page. */
    public Response notFound(String what, String reason) {
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity(Templates.unavailable(what, studyServiceUrl, reason)).build();
    }

    /** A JSON problem for a failed read behind a JSON endpoint. */
    public Response json(String what, Throwable failure) {
        int status = isNotFound(failure) ? 404 : 503;
        String detail = status == 404 ? "study-service knows no " + what
                : "cannot read " + what + " from study-service at " + studyServiceUrl + ": " + reason(failure);
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status, detail)).build();
    }

    /** A JSON error body. */
    public record Problem(int status, String detail) {
    }

    static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }

    private static String reason(Throwable failure) {
        return String.valueOf(failure.getMessage());
    }
}

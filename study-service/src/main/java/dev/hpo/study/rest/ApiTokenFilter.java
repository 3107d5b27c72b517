package dev.hpo.study.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.hpo.study.config.StudyServiceConfig;

/**
 * Writing endpoints need {@code Authorization: Bearer <hpo.study.api-token>} when a token is configured. Reading,
 * previewing a spec and suggesting a space (which store nothing) stay open.
 */
public class ApiTokenFilter {

    /** POST endpoints that only compute an answer. */
    private static final Set<String> STORE_NOTHING = Set.of("/api/studies/preview", "/api/spaces/suggest");

    private final StudyServiceConfig config;

    public ApiTokenFilter(StudyServiceConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (config.apiToken().isEmpty() || !writes(request)) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String expected = "Bearer " + config.apiToken().get();
        if (header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Problem problem = new Problem("https://hpo.dev/problems/unauthorized", "Unauthorized", 401,
                "writing needs the header 'Authorization: Bearer <token>' (the token is in .hpo/stack.env as "
                        + "HPO_TOKEN for the local stack)", List.of());
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }

    private static boolean writes(ContainerRequestContext request) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        boolean changes = method.equals("POST") || method.equals("PUT") || method.equals("DELETE")
                || method.equals("PATCH");
        return changes && path.startsWith("/api/") && !STORE_NOTHING.contains(path);
    }
}

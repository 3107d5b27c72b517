package dev.hpo.dashboard.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.hpo.dashboard.client.StudyServiceClient;
import dev.hpo.dashboard.client.StudySummary;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** Server-rendered pages over study-service's API. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    /** Pages of a running study reload themselves this often, in seconds. */
    static final int REFRESH_SECONDS = 5;

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance studies(List<StudySummary> studies, int refresh);

        static native TemplateInstance study(StudySummary study, LeaderboardTable leaderboard, int refresh);

        static native TemplateInstance unavailable(String what, String studyServiceUrl, String reason);
    }

    private final StudyServiceClient studyService;
    private final String studyServiceUrl;

    public DashboardResource(@RestClient StudyServiceClient studyService,
            @ConfigProperty(name = "quarkus.rest-client.study-service.url") String studyServiceUrl) {
        this.studyService = studyService;
        this.studyServiceUrl = studyServiceUrl;
    }

    @GET
    public Uni<Response> studies() {
        return studyService.list()
                .map(all -> ok(Templates.studies(all, REFRESH_SECONDS)))
                .onFailure().recoverWithItem(e -> unavailable("the list of studies", e));
    }

    @GET
    @Path("studies/{id}")
    public Uni<Response> study(@PathParam("id") String id) {
        return studyService.get(id)
                .chain(study -> studyService.leaderboard(id).map(rows -> {
                    Object space = study.spec() == null ? null : study.spec().get("space");
                    @SuppressWarnings("unchecked")
                    LeaderboardTable table = LeaderboardTable.of(
                            space instanceof java.util.Map<?, ?> m ? (java.util.Map<String, Object>) m : null, rows);
                    return ok(Templates.study(study, table, "RUNNING".equals(study.status()) ? REFRESH_SECONDS : 0));
                }))
                .onFailure(WebApplicationException.class).recoverWithItem(e -> notFoundOr(id, (WebApplicationException) e))
                .onFailure().recoverWithItem(e -> unavailable("study " + id, e));
    }

    private Response notFoundOr(String id, WebApplicationException e) {
        if (e.getResponse().getStatus() == 404) {
            return Response.status(404).entity(Templates.unavailable("study " + id, studyServiceUrl,
                    "study-service knows no study with this id")).build();
        }
        return unavailable("study " + id, e);
    }

    private Response unavailable(String what, Throwable e) {
        return Response.status(503)
                .entity(Templates.unavailable(what, studyServiceUrl, String.valueOf(e.getMessage())))
                .build();
    }

    private static Response ok(TemplateInstance page) {
        return Response.ok(page).build();
    }
}

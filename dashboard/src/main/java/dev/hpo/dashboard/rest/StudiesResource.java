package dev.hpo.dashboard.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import dev.hpo.dashboard.client.StudyServiceClient;
import dev.hpo.dashboard.service.ProgressService;
import dev.hpo.dashboard.view.StudyFilter;
import dev.hpo.dashboard.view.StudyRow;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** The studies page: every study, filtered by status and name with plain query parameters. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StudiesResource {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance studies(List<StudyRow> studies, int total, StudyFilter filter);
    }

    private final StudyServiceClient studyService;
    private final ProgressService progress;
    private final ErrorPages errors;

    public StudiesResource(@RestClient StudyServiceClient studyService, ProgressService progress,
            ErrorPages errors) {
        this.studyService = studyService;
        this.progress = progress;
        this.errors = errors;
    }

    @GET
    public Uni<Response> studies(@RestQuery String status, @RestQuery String name) {
        StudyFilter filter = StudyFilter.of(status, name);
        return studyService.list()
                .chain(all -> progress.rows(all.stream().filter(filter::matches).toList())
                        .map(rows -> Response.ok(Templates.studies(rows, all.size(), filter)).build()))
                .onFailure().recoverWithItem(e -> errors.page("the list of studies", e));
    }
}

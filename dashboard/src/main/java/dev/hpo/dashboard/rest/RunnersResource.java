package dev.hpo.dashboard.rest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.hpo.dashboard.client.Runner;
import dev.hpo.dashboard.client.StudyServiceClient;
import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.view.RunnerRow;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** The runners page: which runners are alive, what each trains, and how fast. */
@Path("/runners")
@Produces(MediaType.TEXT_HTML)
public class RunnersResource {

    @CheckedTemplate
    static class Templates {

        /** @param runners {@code null} when study-service does not report runners (yet) */
        static native TemplateInstance runners(List<RunnerRow> runners);
    }

    private final StudyServiceClient studyService;
    private final ErrorPages errors;

    public RunnersResource(@RestClient StudyServiceClient studyService, ErrorPages errors) {
        this.studyService = studyService;
        this.errors = errors;
    }

    @GET
    public Uni<Response> runners() {
        return studyService.list().chain(studies -> {
            Map<String, String> names = studies.stream()
                    .collect(Collectors.toMap(StudySummary::id, s -> String.valueOf(s.name()), (a, b) -> a));
            return studyService.runners()
                    .map(all -> all.stream().map(r -> new RunnerRow(r, names.get(r.studyId()))).toList())
                    .onFailure(ErrorPages::isNotFound).recoverWithNull()
                    .map(rows -> Response.ok(Templates.runners(rows)).build());
        }).onFailure().recoverWithItem(e -> errors.page("the runners", e));
    }
}

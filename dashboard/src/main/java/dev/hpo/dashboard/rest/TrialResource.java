package dev.hpo.dashboard.rest;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.hpo.dashboard.client.StudyServiceClient;
import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;
import dev.hpo.dashboard.view.Hyperparameters;
import dev.hpo.dashboard.view.TrialMetrics;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

/** A trial's page: hyperparameters, every epoch's metrics with curves, and its timeline with every reason. */
@Path("/studies/{id}/trials/{trialId}")
public class TrialResource {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance trial(StudySummary study, Trial trial, List<Hyperparameters.Entry> params,
                TrialMetrics metrics);
    }

    private final StudyServiceClient studyService;
    private final ErrorPages errors;

    public TrialResource(@RestClient StudyServiceClient studyService, ErrorPages errors) {
        this.studyService = studyService;
        this.errors = errors;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> trial(@PathParam("id") String id, @PathParam("trialId") String trialId) {
        return read(id, trialId).map(found -> {
            StudySummary study = found.getItem1();
            Optional<Trial> trial = found.getItem2();
            if (trial.isEmpty()) {
                return errors.notFound("trial " + trialId, "study " + study.name() + " has no trial with this id");
            }
            Trial t = trial.get();
            return Response.ok(Templates.trial(study, t, Hyperparameters.of(study.space(), t.params()),
                    TrialMetrics.of(t))).build();
        }).onFailure().recoverWithItem(e -> errors.page("study " + id, e));
    }

    /** The trial's metrics per epoch (latest attempt), for its curves. */
    @GET
    @Path("charts.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> charts(@PathParam("id") String id, @PathParam("trialId") String trialId) {
        return read(id, trialId).map(found -> found.getItem2()
                .map(t -> Response.ok(TrialMetrics.of(t)).build())
                .orElseGet(() -> Response.status(404).type(MediaType.APPLICATION_JSON)
                        .entity(new ErrorPages.Problem(404, "no trial " + trialId + " in study " + id)).build()))
                .onFailure().recoverWithItem(e -> errors.json("study " + id, e));
    }

    /** study-service lists a study's trials together; the one asked for is picked out here. */
    private Uni<Tuple2<StudySummary, Optional<Trial>>> read(String id, String trialId) {
        return Uni.combine().all().unis(studyService.get(id), studyService.trials(id)).asTuple()
                .map(both -> Tuple2.of(both.getItem1(),
                        both.getItem2().stream().filter(t -> trialId.equals(t.id())).findFirst()));
    }
}

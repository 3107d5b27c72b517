package dev.hpo.study.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.hpo.study.Study;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialTransition;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.service.ParamsJson;
import dev.hpo.study.algorithm.HyperparameterImportance;
import dev.hpo.study.service.StudyHistory;
import dev.hpo.study.service.StudyService;
import dev.hpo.study.spec.ValidStudy;
import dev.hpo.study.spec.InvalidStudyException;
import dev.hpo.study.spec.StudyPlan;
import dev.hpo.study.spec.StudySpecReader;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Submit studies and read their state. */
@Path("/api/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {

    static final int PREVIEW_SAMPLE_LIMIT = 1_000;

    private final StudyService studies;
    private final TrialRepository trials;
    private final StudyServiceConfig config;

    public StudyResource(StudyService studies, TrialRepository trials, StudyServiceConfig config) {
        this.studies = studies;
        this.trials = trials;
        this.config = config;
    }

    /** The body is read as text so that every problem in it can be reported with its field, not as a 500. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(String body) {
        var valid = StudySpecReader.read(body, config.customModelBuilders().orElse(Set.of()));
        return studies.create(valid)
                .chain(study -> get(study.id.toString()))
                .map(view -> Response.created(URI.create("/api/studies/" + view.id())).entity(view).build());
    }

    /**
     * What a study would cost, without storing or running anything: the validated spec, trials, epochs,
     * Hyperband's brackets and, with {@code ?sample=n}, the first n configurations.
     */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public StudyPlan preview(String body, @QueryParam("sample") @DefaultValue("0") int sample) {
        if (sample < 0 || sample > PREVIEW_SAMPLE_LIMIT) {
            throw new InvalidStudyException("sample", "must be from 0 to " + PREVIEW_SAMPLE_LIMIT + ", was " + sample);
        }
        return StudyPlan.of(StudySpecReader.read(body, config.customModelBuilders().orElse(Set.of())), sample);
    }

    @GET
    @WithSession
    public Uni<List<StudyView>> list() {
        return studies.list().chain(all -> trials.countByStudyAndStatus().map(counts -> all.stream()
                .map(s -> StudyView.summary(s, counts.getOrDefault(s.id, Map.of())))
                .toList()));
    }

    @GET
    @Path("{id}")
    public Uni<StudyView> get(@PathParam("id") String id) {
        return study(id).chain(study -> studies.trials(study.id).map(all -> {
            Map<TrialStatus, Long> counts = all.stream()
                    .collect(Collectors.groupingBy(t -> t.status, Collectors.counting()));
            StudyView.BestTrial best = all.stream()
                    .filter(t -> t.id.equals(study.bestTrialId))
                    .findFirst()
                    .map(t -> new StudyView.BestTrial(t.id.toString(), t.number, t.bestValue, t.bestEpoch,
                            ParamsJson.readParams(t.params)))
                    .orElse(null);
            return StudyView.detail(study, counts, best);
        }));
    }

    @GET
    @Path("{id}/trials")
    public Uni<List<TrialView>> trials(@PathParam("id") String id) {
        return study(id).chain(study -> studies.trials(study.id).chain(all -> studies.metrics(study.id)
                .chain(metrics -> studies.transitions(study.id).map(transitions -> {
                    Map<UUID, List<TrialMetric>> byTrial = metrics.stream()
                            .collect(Collectors.groupingBy(m -> m.trialId));
                    Map<UUID, List<TrialTransition>> timeline = transitions.stream()
                            .collect(Collectors.groupingBy(t -> t.trialId));
                    return all.stream().map(t -> TrialView.of(t, byTrial.getOrDefault(t.id, List.of()),
                            timeline.getOrDefault(t.id, List.of()))).toList();
                }))));
    }

    /** Stops a running study: its trials in flight are pruned and their runners told to stop. */
    @POST
    @Path("{id}/cancel")
    public Uni<StudyView> cancel(@PathParam("id") String id) {
        return study(id).chain(found -> studies.cancel(found.id)).chain(study -> get(study.id.toString()));
    }

    /** Hyperparameter importance for the study's objective; computed on request from the stored trials. */
    @GET
    @Path("{id}/importance")
    public Uni<ImportanceView> importance(@PathParam("id") String id) {
        return study(id).chain(study -> studies.trials(study.id).chain(all -> studies.metrics(study.id).map(m -> {
            ValidStudy valid = StudySpecReader.readStored(study.spec);
            StudyHistory history = new StudyHistory(all, m);
            return ImportanceView.of(study.objectiveMetric, HyperparameterImportance.of(valid.space(),
                    history.records(), valid.direction(), study.seed));
        })));
    }

    @GET
    @Path("{id}/leaderboard")
    public Uni<List<LeaderboardEntry>> leaderboard(@PathParam("id") String id) {
        return study(id).chain(study -> studies.trials(study.id).map(all -> LeaderboardEntry.rank(study, all)));
    }

    private Uni<Study> study(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new StudyNotFoundException(id));
        }
        return studies.find(uuid).onItem().ifNull().failWith(() -> new StudyNotFoundException(id));
    }
}

package dev.hpo.study.rest;

import java.net.URI;
import java.time.Duration;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.study.Study;
import dev.hpo.study.StudyStatus;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialTransition;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.service.ParamsJson;
import dev.hpo.study.service.RangeTestCurve;
import dev.hpo.study.service.RangeTestReferences;
import dev.hpo.study.algorithm.HyperparameterImportance;
import dev.hpo.study.algorithm.RangeTestAnalysis;
import dev.hpo.study.service.StudyHistory;
import dev.hpo.study.service.LiveStudyEvents;
import dev.hpo.study.service.ModelArchives;
import dev.hpo.study.service.StudyService;
import dev.hpo.study.spec.ValidStudy;
import dev.hpo.study.spec.InvalidStudyException;
import dev.hpo.study.spec.StudySpec;
import dev.hpo.study.spec.StudyPlan;
import dev.hpo.study.spec.StudySpecReader;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Submit studies and read their state. */
@Path("/api/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {

    static final int PREVIEW_SAMPLE_LIMIT = 1_000;

    static final int PING_SECONDS = 15;

    private final StudyService studies;
    private final TrialRepository trials;
    private final LiveStudyEvents live;
    private final ModelArchives models;
    private final ObjectMapper json;
    private final StudyServiceConfig config;
    private final RangeTestReferences rangeTests;

    public StudyResource(StudyService studies, TrialRepository trials, LiveStudyEvents live, ModelArchives models,
            ObjectMapper json, StudyServiceConfig config, RangeTestReferences rangeTests) {
        this.rangeTests = rangeTests;
        this.studies = studies;
        this.trials = trials;
        this.live = live;
        this.models = models;
        this.json = json;
        this.config = config;
    }

    /** The body is read as text so that every problem in it can be reported with its field, not as a 500. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(String body) {
        return rangeTests.resolve(body)
                .map(spec -> StudySpecReader.read(spec, config.customModelBuilders().orElse(Set.of())))
                .chain(studies::create)
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
    public Uni<StudyPlan> preview(String body, @QueryParam("sample") @DefaultValue("0") int sample) {
        if (sample < 0 || sample > PREVIEW_SAMPLE_LIMIT) {
            throw new InvalidStudyException("sample", "must be from 0 to " + PREVIEW_SAMPLE_LIMIT + ", was " + sample);
        }
        return rangeTests.resolve(body).map(spec -> StudyPlan.of(StudySpecReader.read(spec,
                config.customModelBuilders().orElse(Set.of())), sample));
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
        return study(id).chain(study -> studies.trials(study.id)
                .chain(all -> studies.epochsTrained(study.id)
                        .chain(epochs -> suggestedRange(study).map(range -> detail(study, all, epochs, range)))));
    }

    /** A finished range test's suggestion, read from its steps; nothing for other studies. */
    private Uni<RangeTestAnalysis.SuggestedRange> suggestedRange(Study study) {
        if (!StudySpec.Algorithm.RANGE_TEST.equals(study.algorithm) || study.status != StudyStatus.COMPLETED) {
            return Uni.createFrom().nullItem();
        }
        return studies.metrics(study.id).map(metrics -> RangeTestCurve.suggest(metrics).orElse(null));
    }

    private static StudyView detail(Study study, List<Trial> all, long epochsTrained,
            RangeTestAnalysis.SuggestedRange suggestedRange) {
        Map<TrialStatus, Long> counts = all.stream()
                .collect(Collectors.groupingBy(t -> t.status, Collectors.counting()));
        StudyView.BestTrial best = all.stream()
                .filter(t -> t.id.equals(study.bestTrialId))
                .findFirst()
                .map(t -> new StudyView.BestTrial(t.id.toString(), t.number, t.bestValue, t.bestEpoch,
                        ParamsJson.readParams(t.params)))
                .orElse(null);
        return StudyView.detail(study, counts, best, epochsTrained, suggestedRange);
    }

    /**
     * Server-sent events about one study: {@code ready} once connected, then each study event named by its kind
     * ({@code TrialChanged}, {@code EpochReported}, {@code StudyCompleted}) with the event as JSON, and a
     * {@code ping} every {@value #PING_SECONDS} s so that proxies keep an idle stream open. An event says what
     * changed; read the study for its new state. The stream's headers are sent before the study is looked up, so
     * an unknown study gets a single {@code error} event with status 404 instead of a 404 response.
     */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        return study(id).onItem().transformToMulti(study -> {
            Multi<OutboundSseEvent> ready = Multi.createFrom().item(() -> sseEvent(sse, "ready", "{}"));
            Multi<OutboundSseEvent> changes = live.of(study.id.toString())
                    .map(e -> sseEvent(sse, e.kind(), writeJson(e)));
            Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(Duration.ofSeconds(PING_SECONDS))
                    .map(tick -> sseEvent(sse, "ping", "{}"));
            return Multi.createBy().merging().streams(ready, changes, pings);
        }).onFailure(StudyNotFoundException.class).recoverWithItem(e -> sseEvent(sse, "error",
                writeJson(Map.of("status", 404, "detail", e.getMessage()))));
    }

    private static OutboundSseEvent sseEvent(Sse sse, String name, String data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(data).build();
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    /**
     * The best trial's model as a zip: DJL's parameter file, which {@code Model.load} reads into the builder's block,
     * and {@code hpo.json} with the trial's hyperparameters, metrics and what is needed to rebuild the block.
     */
    @GET
    @Path("{id}/best-model")
    @Produces({"application/zip", Problem.MEDIA_TYPE})
    public Uni<Response> bestModel(@PathParam("id") String id) {
        return study(id).chain(models::best).map(archive -> Response.ok(archive.content(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id + "-trial-" + archive.trial().number
                        + "-model.zip\"")
                .header("X-Hpo-Trial", archive.trial().id.toString())
                .build());
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

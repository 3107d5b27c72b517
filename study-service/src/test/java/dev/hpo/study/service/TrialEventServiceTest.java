package dev.hpo.study.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.study.repository.StudyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Events applied as one batch, in one transaction, against the same events applied one at a time: two identical
 * studies must end in the same state, decision for decision.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class TrialEventServiceTest {

    /** Four trials at once, median stopping from epoch 2 with two peers, eight trials in all. */
    private static final String SPEC = """
            {"name": "%s",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "random", "seed": 17},
             "earlyStopping": {"type": "median", "minTrials": 2, "warmupEpochs": 1},
             "maxTrials": 8, "parallelism": 4, "epochs": 3,
             "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                       "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}""";

    /** Hyperband over three rungs (1, 3 and 9 epochs), nine trials at once. */
    private static final String HYPERBAND = """
            {"name": "%s",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "hyperband", "maxEpochs": 9, "factor": 3, "seed": 5},
             "parallelism": 9,
             "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                       "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}""";

    /** ASHA with rungs at 1, 3 and 9 epochs, four trials at once. */
    private static final String ASHA = """
            {"name": "%s",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "asha", "maxEpochs": 9, "factor": 3, "seed": 9},
             "maxTrials": 20,
             "parallelism": 4,
             "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                       "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}""";

    @Inject
    TrialEventService events;

    @Inject
    StudyRepository studies;

    @Inject
    TrialScheduler scheduler;

    @Test
    void aBatchDecidesExactlyWhatTheSameEventsDecideOneByOne() throws Throwable {
        String batched = create("batched");
        String oneByOne = create("one-by-one");

        List<TrialEvent> script = script(batched);
        VertxContextSupport.subscribeAndAwait(() -> events.handleAll(script));
        for (TrialEvent event : script(oneByOne)) {
            VertxContextSupport.subscribeAndAwait(() -> events.handle(event));
        }

        List<Map<String, Object>> expected = outcome(oneByOne);
        assertEquals(expected, outcome(batched));
        // what the script was written to exercise: stops in the middle, new trials, completions
        List<Object> statuses = expected.stream().map(t -> t.get("status")).toList();
        assertEquals(List.of("PRUNED", "PRUNED", "COMPLETED", "COMPLETED", "QUEUED", "QUEUED", "QUEUED", "QUEUED"),
                statuses);
    }

    /**
     * A batch keeps one ASHA for the study and tells it of each change; applied one by one, each event reads the
     * study again and builds a new one. Four trials reach rung 1 in turn, so the batch's algorithm starts new
     * trials, then ranks the rung as it grows and promotes.
     */
    @Test
    void aBatchKeepsAshaInStepWithTheStudyItDecidesOn() throws Throwable {
        String batched = given().contentType(ContentType.JSON).body(ASHA.formatted("asha-batched"))
                .post("/api/studies").then().statusCode(201).extract().path("id");
        String oneByOne = given().contentType(ContentType.JSON).body(ASHA.formatted("asha-one-by-one"))
                .post("/api/studies").then().statusCode(201).extract().path("id");

        List<TrialEvent> script = rungOneScript(batched);
        VertxContextSupport.subscribeAndAwait(() -> events.handleAll(script));
        for (TrialEvent event : rungOneScript(oneByOne)) {
            VertxContextSupport.subscribeAndAwait(() -> events.handle(event));
        }

        List<Map<String, Object>> expected = outcome(oneByOne);
        assertEquals(expected, outcome(batched));
        assertTrue(expected.stream().anyMatch(t -> Integer.valueOf(3).equals(t.get("targetEpoch"))),
                "a trial was promoted to rung 1: " + expected);
    }

    /** Each of the first four trials trains its one epoch and pauses, the best last. */
    private static List<TrialEvent> rungOneScript(String studyId) {
        JsonPath trials = trials(studyId);
        List<TrialEvent> script = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            String id = trials.getString("find { it.number == " + n + " }.id");
            script.add(new TrialEvent.Started(id, 1, "runner-" + n, "cpu"));
            script.add(epoch(id, 1, 0.5 + 0.1 * n));
            script.add(new TrialEvent.Checkpointed(id, 1, "runner-" + n, 1,
                    CheckpointReferences.afterEpoch(studyId, id, 1)));
            script.add(new TrialEvent.Completed(id, 1, "runner-" + n, 1));
        }
        return script;
    }

    @Test
    void afterABatchOfCompletionsTheStudyAskedAgainDecidesNothingMore() throws Throwable {
        String study = given().contentType(ContentType.JSON).body(HYPERBAND.formatted("hyperband-batch"))
                .post("/api/studies").then().statusCode(201).extract().path("id");
        List<TrialEvent> batch = new ArrayList<>();
        JsonPath trials = trials(study);
        for (Map<String, Object> trial : trials.<Map<String, Object>>getList("")) {
            String id = (String) trial.get("id");
            int target = (Integer) trial.get("targetEpoch");
            double units = ((Number) ((Map<?, ?>) trial.get("params")).get("units")).doubleValue();
            batch.add(new TrialEvent.Started(id, 1, "runner-x", "cpu"));
            for (int e = 1; e <= target; e++) {
                batch.add(epoch(id, e, units / 1000 + e / 100.0));
            }
            batch.add(new TrialEvent.Checkpointed(id, 1, "runner-x", target,
                    CheckpointReferences.afterEpoch(study, id, target)));
            batch.add(new TrialEvent.Completed(id, 1, "runner-x", target));
        }

        VertxContextSupport.subscribeAndAwait(() -> events.handleAll(batch));

        List<Object> statuses = trials(study).getList("status");
        assertTrue(statuses.contains("QUEUED"), "the batch promoted or started trials: " + statuses);
        Changes again = new Changes();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> studies.findById(UUID.fromString(study))
                .chain(found -> scheduler.schedule(found, again))));
        assertEquals(List.of(), again.transitions().stream().map(t -> t.reason).toList());
        assertEquals(List.of(), again.requests());
    }

    @Test
    void anEpochReportedTwiceInOneBatchIsStoredOnceWithTheFirstFigures() throws Throwable {
        String study = create("twice");
        JsonPath trials = trials(study);
        String trial = trials.getString("find { it.number == 0 }.id");

        VertxContextSupport.subscribeAndAwait(() -> events.handleAll(List.of(
                new TrialEvent.Started(trial, 1, "runner-x", "cpu"),
                epoch(trial, 1, 0.70), epoch(trial, 1, 0.99), epoch(trial, 2, 0.80))));
        VertxContextSupport.subscribeAndAwait(() -> events.handleAll(List.of(epoch(trial, 2, 0.95))));

        JsonPath after = trials(study);
        assertEquals(List.of(1, 2), after.getList("find { it.number == 0 }.epochs.epoch"));
        assertEquals(0.70f, after.getFloat("find { it.number == 0 }.epochs[0].metrics.val_accuracy"), 1e-6);
        assertEquals(0.80f, after.getFloat("find { it.number == 0 }.bestValue"), 1e-6);
    }

    /**
     * Trials 3 and 2 train well; 1 and 0 fall below the median at epoch 2 and are stopped, and the rest of their
     * epochs is ignored; a repeated epoch, an event of a stale attempt, a heartbeat and a checkpoint come between.
     */
    private static List<TrialEvent> script(String studyId) {
        JsonPath trials = trials(studyId);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            ids.add(trials.getString("find { it.number == " + n + " }.id"));
        }
        List<TrialEvent> script = new ArrayList<>();
        for (int n = 3; n >= 0; n--) {
            script.add(new TrialEvent.Started(ids.get(n), 1, "runner-" + n, "cpu"));
        }
        for (int e = 1; e <= 3; e++) {
            for (int n = 3; n >= 0; n--) {
                script.add(epoch(ids.get(n), e, 0.5 + 0.1 * n + 0.01 * e));
            }
            if (e == 1) {
                script.add(epoch(ids.get(3), 1, 0.1));
                script.add(new TrialEvent.Heartbeat(ids.get(2), 1, "runner-2"));
                script.add(new TrialEvent.Completed(ids.get(2), 2, "runner-old", 3));
            }
        }
        for (int n = 3; n >= 2; n--) {
            script.add(new TrialEvent.Checkpointed(ids.get(n), 1, "runner-" + n, 3,
                    CheckpointReferences.afterEpoch(studyId, ids.get(n), 3)));
            script.add(new TrialEvent.Completed(ids.get(n), 1, "runner-" + n, 3));
        }
        return script;
    }

    /** Every trial as the API shows it, less ids and times, which differ between two studies. */
    private static List<Map<String, Object>> outcome(String studyId) {
        List<Map<String, Object>> outcome = new ArrayList<>();
        for (Map<String, Object> trial : trials(studyId).<Map<String, Object>>getList("")) {
            Map<String, Object> kept = new LinkedHashMap<>(trial);
            kept.keySet().removeAll(List.of("id", "createdAt", "startedAt", "finishedAt"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> timeline = (List<Map<String, Object>>) kept.get("timeline");
            kept.put("timeline", timeline.stream().map(t -> {
                Map<String, Object> step = new LinkedHashMap<>(t);
                step.remove("at");
                return step;
            }).toList());
            outcome.add(kept);
        }
        outcome.sort((a, b) -> Integer.compare((Integer) a.get("number"), (Integer) b.get("number")));
        assertTrue(outcome.size() > 4, "the script schedules new trials");
        return outcome;
    }

    private static String create(String name) {
        return given().contentType(ContentType.JSON).body(SPEC.formatted(name)).post("/api/studies")
                .then().statusCode(201).extract().path("id");
    }

    private static JsonPath trials(String studyId) {
        return given().get("/api/studies/{id}/trials", studyId).then().statusCode(200).extract().jsonPath();
    }

    private static TrialEvent.EpochCompleted epoch(String trialId, int epoch, double valAccuracy) {
        return new TrialEvent.EpochCompleted(trialId, 1, "runner-x", epoch,
                Map.of("loss", 1 - valAccuracy, "val_accuracy", valAccuracy), 0.5);
    }
}

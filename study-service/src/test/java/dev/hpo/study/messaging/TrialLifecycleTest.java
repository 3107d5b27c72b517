package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Drives a study through the real broker and database, with this test playing the runner: it answers each trial
 * request with the events a runner publishes.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class TrialLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void studyRunsEveryTrialStoresEveryEpochAndCompletes() throws Exception {
        String studyId = create(Specs.random("lifecycle", 4, 2, 2));

        // val_accuracy grows with units, so the ranking is known
        SimulatedRunner runner = new SimulatedRunner(studyId,
                (params, epoch) -> ((Number) params.get("units")).doubleValue() / 1000 * epoch / 2);
        JsonPath study = Poll.until("study to complete", TIMEOUT, () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", studyId).then().extract().jsonPath();
        }, s -> "COMPLETED".equals(s.getString("status")));

        assertEquals(4, runner.requests().size());
        assertEquals(4, study.getInt("trials.completed"));
        JsonPath trials = given().get("/api/studies/{id}/trials", studyId).then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(1, 2), trials.getList("[" + i + "].epochs.epoch"), "epochs of trial " + i);
            assertEquals("COMPLETED", trials.getString("[" + i + "].status"));
        }

        List<Float> values = given().get("/api/studies/{id}/leaderboard", studyId).then().statusCode(200)
                .body("[0].rank", equalTo(1))
                .extract().jsonPath().getList("value", Float.class);
        assertEquals(4, values.size());
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) >= values.get(i), "leaderboard not sorted: " + values);
        }
        assertEquals(values.get(0), study.getFloat("best.value"), 1e-6);
        assertEquals(given().get("/api/studies/{id}/leaderboard", studyId).then().extract().path("[0].trialId"),
                study.getString("best.trialId"));

        // the simulated accuracy depends on units alone
        JsonPath importance = given().get("/api/studies/{id}/importance", studyId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("val_accuracy", importance.getString("metric"));
        assertEquals(4, importance.getInt("trials"));
        assertEquals("units", importance.getString("importances[0].name"));
    }

    @Test
    void redeliveredEpochEventChangesNothing() throws Exception {
        String studyId = create(Specs.random("redelivery", 1, 1, 2));
        TrialRequest request = requests(studyId, 1).get(0);

        send(new TrialEvent.Started(request.trialId(), 1, "runner-x", "cpu"));
        send(epoch(request, 1, 0.70));
        send(epoch(request, 1, 0.99)); // the same epoch again, as after a rebalance; must be ignored
        send(epoch(request, 2, 0.80));
        send(new TrialEvent.Completed(request.trialId(), 1, "runner-x", 2));

        Poll.until("study to complete", TIMEOUT,
                () -> given().get("/api/studies/{id}", studyId).then().extract().<String>path("status"),
                "COMPLETED"::equals);
        JsonPath trial = given().get("/api/studies/{id}/trials", studyId).then().extract().jsonPath();
        assertEquals(List.of(1, 2), trial.getList("[0].epochs.epoch"));
        assertEquals(0.70f, trial.getFloat("[0].epochs[0].metrics.val_accuracy"), 1e-6);
        assertEquals(0.80f, trial.getFloat("[0].bestValue"), 1e-6);
        assertEquals("runner-x", trial.getString("[0].runnerId"));
    }

    @Test
    void eventOfAStaleAttemptIsIgnored() throws Exception {
        String studyId = create(Specs.random("stale", 1, 1, 1));
        TrialRequest request = requests(studyId, 1).get(0);

        send(new TrialEvent.Completed(request.trialId(), 7, "runner-old", 1));
        send(new TrialEvent.Failed(request.trialId(), 1, "runner-x", "CUDA out of memory"));

        JsonPath trial = Poll.until("trial to fail", TIMEOUT,
                () -> given().get("/api/studies/{id}/trials", studyId).then().extract().jsonPath(),
                t -> "FAILED".equals(t.getString("[0].status")));
        assertEquals("failed on runner-x: CUDA out of memory", trial.getString("[0].statusReason"));
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicAndConsumptionContinues() throws Exception {
        KafkaTestClient.send("hpo.trial-events", "garbage", "{this is not an event");
        String studyId = create(Specs.random("after-garbage", 1, 1, 1));
        TrialRequest request = requests(studyId, 1).get(0);
        send(epoch(request, 1, 0.5));
        send(new TrialEvent.Completed(request.trialId(), 1, "runner-x", 1));

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.await("hpo.trial-events.dlq",
                r -> r.value().contains("this is not an event"), 1, TIMEOUT);
        assertEquals(1, dead.size());
        assertTrue(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value()).contains("not a valid"));
        Poll.until("study to complete", TIMEOUT,
                () -> given().get("/api/studies/{id}", studyId).then().extract().<String>path("status"),
                "COMPLETED"::equals);
    }

    private String create(String spec) {
        return given().contentType(ContentType.JSON).body(spec).post("/api/studies")
                .then().statusCode(201).extract().path("id");
    }

    private List<TrialRequest> requests(String studyId, int count) {
        return KafkaTestClient.await("hpo.trial-requests", r -> r.value().contains(studyId), count, TIMEOUT)
                .stream().map(r -> read(r.value())).toList();
    }

    private static TrialEvent.EpochCompleted epoch(TrialRequest request, int epoch, double valAccuracy) {
        return new TrialEvent.EpochCompleted(request.trialId(), request.attempt(), "runner-x", epoch,
                Map.of("loss", 1.0 / epoch, "accuracy", valAccuracy, "val_loss", 1.0 / epoch,
                        "val_accuracy", valAccuracy), 0.5);
    }

    private TrialRequest read(String value) {
        try {
            return json.readValue(value, TrialRequest.class);
        } catch (Exception e) {
            throw new AssertionError("not a trial request: " + value, e);
        }
    }

    private void send(TrialEvent event) {
        try {
            KafkaTestClient.send("hpo.trial-events", event.trialId(), json.writeValueAsString(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A runner that goes silent or shuts down loses its trial to another runner; no trial stays RUNNING forever. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
@TestProfile(LostRunnerTest.ShortLease.class)
class LostRunnerTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpo.study.lease-timeout", "2s", "hpo.study.lease-check-interval", "1s",
                    "hpo.study.max-attempts", "2");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void silentRunnersTrialIsRequeuedThenFailsWhenAttemptsRunOut() {
        String studyId = create();
        TrialRequest first = request(studyId, 1);
        send(new TrialEvent.Started(first.trialId(), 1, "runner-dead", "cpu"));
        send(epoch(first, 1, "runner-dead"));

        TrialRequest second = request(studyId, 2);
        assertEquals(first.trialId(), second.trialId());
        // the lost attempt is told to stop, so that the runner its request goes to next skips it
        awaitStop(first.trialId(), 1, "lease expired: no word from runner-dead for more than 2 s; attempt 2 takes over");
        send(new TrialEvent.Completed(first.trialId(), 1, "runner-dead", 2)); // late word from the lost attempt
        send(new TrialEvent.Started(second.trialId(), 2, "runner-slow", "cpu"));

        JsonPath trial = Poll.until("trial to fail after two lost attempts", TIMEOUT,
                () -> given().get("/api/studies/{id}/trials", studyId).then().extract().jsonPath(),
                t -> "FAILED".equals(t.getString("[0].status")));
        assertEquals(2, trial.getInt("[0].attempt"));
        List<String> reasons = trial.getList("[0].timeline.reason");
        assertEquals(2, reasons.stream().filter(r -> r.contains("lease expired")).count(), reasons.toString());
        assertTrue(trial.getString("[0].statusReason").contains("no attempts left"));
        awaitStop(first.trialId(), 2, trial.getString("[0].statusReason"));
        Poll.until("study to complete", TIMEOUT,
                () -> given().get("/api/studies/{id}", studyId).then().extract().<String>path("status"),
                "COMPLETED"::equals);
    }

    @Test
    void runnerShuttingDownHandsItsTrialBackToResumeFromTheCheckpoint() {
        String studyId = create();
        TrialRequest first = request(studyId, 1);
        // one producer for the four, well inside the 2 s lease: a lease that expired between them would requeue
        // the trial from its start, or requeue it before the hand-back was ever read
        sendAll(new TrialEvent.Started(first.trialId(), 1, "runner-a", "cpu"),
                epoch(first, 1, "runner-a"),
                new TrialEvent.Checkpointed(first.trialId(), 1, "runner-a", 1, studyId + "/t/epoch-0001.ckpt"),
                new TrialEvent.Stopped(first.trialId(), 1, "runner-a", 1, "runner shutting down"));

        TrialRequest second = request(studyId, 2);
        assertEquals(1, second.initialEpoch());
        assertEquals(studyId + "/t/epoch-0001.ckpt", second.checkpoint());
        List<String> reasons = given().get("/api/studies/{id}/trials", studyId).then().extract().jsonPath()
                .getList("[0].timeline.reason");
        assertTrue(reasons.stream().anyMatch(r -> r.contains("runner shutting down")), reasons.toString());
        assertTrue(reasons.stream().noneMatch(r -> r.contains("lease expired")), reasons.toString());

        given().get("/api/runners").then().statusCode(200).body("runnerId", hasItem("runner-a"));
    }

    private String create() {
        return given().contentType(ContentType.JSON).body(Specs.random("lost-runner", 1, 1, 2))
                .post("/api/studies").then().statusCode(201).extract().path("id");
    }

    private TrialRequest request(String studyId, int attempt) {
        List<ConsumerRecord<String, String>> found = KafkaTestClient.await("hpo.trial-requests",
                r -> r.value().contains(studyId) && r.value().contains("\"attempt\":" + attempt), 1, TIMEOUT);
        assertEquals(1, found.size(), "request of attempt " + attempt);
        try {
            return json.readValue(found.get(0).value(), TrialRequest.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void awaitStop(String trialId, int attempt, String reason) {
        List<ConsumerRecord<String, String>> stops = KafkaTestClient.await("hpo.trial-control",
                r -> trialId.equals(r.key()) && r.value().contains("\"attempt\":" + attempt), 1, TIMEOUT);
        assertEquals(1, stops.size(), "a stop for attempt " + attempt);
        try {
            assertEquals(new TrialControl.Stop(trialId, attempt, reason),
                    json.readValue(stops.get(0).value(), TrialControl.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TrialEvent.EpochCompleted epoch(TrialRequest request, int epoch, String runner) {
        return new TrialEvent.EpochCompleted(request.trialId(), request.attempt(), runner, epoch,
                Map.of("val_accuracy", 0.5, "accuracy", 0.5, "loss", 1.0, "val_loss", 1.0), 0.1);
    }

    private void send(TrialEvent event) {
        sendAll(event);
    }

    private void sendAll(TrialEvent... events) {
        try {
            List<String> values = new ArrayList<>();
            for (TrialEvent event : events) {
                values.add(json.writeValueAsString(event));
            }
            KafkaTestClient.sendAll("hpo.trial-events", events[0].trialId(), values);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

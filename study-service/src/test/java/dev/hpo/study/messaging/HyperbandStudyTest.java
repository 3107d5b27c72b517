package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Hyperband through the real broker and database, with a simulated runner fleet. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class HyperbandStudyTest {

    private static final String SPEC = """
            {"name": "hyperband-10-3",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "hyperband", "maxEpochs": 10, "factor": 3, "seed": 7},
             "parallelism": 3,
             "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                       "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}}}""";

    @Test
    void promotedTrialsResumeFromTheirRungAndNoEpochIsTrainedTwice() {
        JsonPath created = given().contentType(ContentType.JSON).body(SPEC).post("/api/studies")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        int plannedTrials = created.getInt("plan.trials");
        long plannedEpochs = created.getLong("plan.totalEpochs");

        // accuracy grows with units and epochs, so rankings are known
        SimulatedRunner runner = new SimulatedRunner(id,
                (params, epoch) -> ((Number) params.get("units")).doubleValue() / 1000 + epoch / 100.0);
        Poll.until("hyperband study to complete", Duration.ofSeconds(120), () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", id).then().extract().<String>path("status");
        }, "COMPLETED"::equals);

        JsonPath trials = given().get("/api/studies/{id}/trials", id).then().statusCode(200).extract().jsonPath();
        assertEquals(plannedTrials, trials.getList("id").size());
        long trained = 0;
        for (int i = 0; i < plannedTrials; i++) {
            List<Integer> epochs = trials.getList("[" + i + "].epochs.epoch", Integer.class);
            for (int e = 0; e < epochs.size(); e++) {
                assertEquals(e + 1, epochs.get(e), "trial " + i + " epochs " + epochs);
            }
            trained += epochs.size();
            assertEquals("COMPLETED", trials.getString("[" + i + "].status"));
        }
        assertEquals(plannedEpochs, trained, "epochs trained in all");

        Map<String, Integer> lastTarget = new HashMap<>();
        int resumed = 0;
        for (TrialRequest request : runner.requests()) {
            Integer previous = lastTarget.put(request.trialId(), request.targetEpoch());
            if (previous == null) {
                assertEquals(0, request.initialEpoch());
            } else {
                resumed++;
                assertEquals(previous, request.initialEpoch(), "a promotion resumes where the rung ended");
                assertNotNull(request.checkpoint(), "a promotion resumes from a checkpoint");
            }
        }
        assertTrue(resumed > 0, "no trial was promoted");
        assertTrue(trials.getList("timeline.reason").toString().contains("not promoted"),
                "reasons of trials left behind are stored");
    }
}

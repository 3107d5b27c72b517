package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A learning-rate range test through the broker and the database, with this test as the runner: the request
 * carries the sweep, the steps are stored, the finished study suggests a range, and a later study's learning rate
 * takes that range by reference.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class RangeTestStudyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int STEPS = 60;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFinishedRangeTestSuggestsARangeThatAnotherStudyCanUse() throws Exception {
        String id = given().contentType(ContentType.JSON).body("""
                {"name": "lr-finder", "algorithm": {"type": "lr-range-test", "minLr": 1e-6, "maxLr": 10, "steps": %d},
                 "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
                 "space": {"units": {"type": "fixed", "value": 128}}}""".formatted(STEPS))
                .post("/api/studies").then().statusCode(201)
                .body("maxTrials", equalTo(1)).body("epochs", equalTo(STEPS))
                .body("objective.metric", equalTo("loss"))
                .extract().path("id");

        TrialRequest request = json.readValue(KafkaTestClient.await("hpo.trial-requests",
                r -> r.value().contains(id), 1, TIMEOUT).get(0).value(), TrialRequest.class);
        assertEquals(STEPS, request.rangeTest().steps());
        assertEquals(1e-6, request.rangeTest().minLr());
        assertEquals(Map.of("units", 128), request.params());
        runRangeTest(request);

        JsonPath study = Poll.until("the range test to complete", TIMEOUT,
                () -> given().get("/api/studies/{id}", id).then().extract().jsonPath(),
                s -> "COMPLETED".equals(s.getString("status")));
        double min = study.getDouble("suggestedRange.min");
        double max = study.getDouble("suggestedRange.max");
        assertTrue(min < 1e-3 && 1e-3 < max && max < 1, min + " .. " + max);
        assertTrue(study.getString("suggestedRange.rule").contains("steepest descent"));

        given().contentType(ContentType.JSON).body("""
                {"name": "after-the-finder", "objective": {"metric": "val_accuracy"},
                 "space": {"learning_rate": {"fromRangeTest": "%s"}}}""".formatted(id))
                .post("/api/studies/preview").then().statusCode(200)
                .body("spec.space.learning_rate.sampling", equalTo("log"))
                .body("spec.space.learning_rate.min", equalTo((float) min))
                .body("spec.space.learning_rate.max", equalTo((float) max));
    }

    @Test
    void aRangeTestSetsOnlyFixedHyperparametersAndNeverTheLearningRate() {
        given().contentType(ContentType.JSON).body("""
                {"name": "bad-finder", "algorithm": {"type": "lr-range-test"},
                 "space": {"learning_rate": {"type": "fixed", "value": 0.01},
                           "units": {"type": "int", "min": 32, "max": 64}}}""")
                .post("/api/studies/preview").then().statusCode(400)
                .body("errors.field", hasItem("space.learning_rate"))
                .body("errors.field", hasItem("space.units"));
    }

    @Test
    void aReferenceToAStudyThatIsNoRangeTestIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                {"name": "dangling", "objective": {"metric": "val_accuracy"},
                 "space": {"learning_rate": {"fromRangeTest": "00000000-0000-0000-0000-000000000000"}}}""")
                .post("/api/studies").then().statusCode(400)
                .body("errors[0].field", equalTo("space.learning_rate.fromRangeTest"))
                .body("errors[0].message", containsString("no study"));
    }

    /** A loss that falls fastest near 1e-3 and explodes at 0.2, as the MLP on Fashion-MNIST does with Adam. */
    private void runRangeTest(TrialRequest request) throws Exception {
        send(new TrialEvent.Started(request.trialId(), 1, "sim-runner", "cpu"));
        for (int step = 1; step <= STEPS; step++) {
            double rate = request.rangeTest().learningRate(step - 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("learning_rate", rate);
            if (rate < 0.2) {
                double loss = 2.3 - 1.5 / (1 + Math.exp(-3 * (Math.log10(rate) + 3)));
                metrics.put("loss", loss);
                metrics.put("smoothed_loss", loss);
            } else {
                metrics.put("diverged", 1.0);
            }
            send(new TrialEvent.EpochCompleted(request.trialId(), 1, "sim-runner", step, metrics, 0.01));
        }
        send(new TrialEvent.Completed(request.trialId(), 1, "sim-runner", STEPS));
    }

    private void send(TrialEvent event) throws Exception {
        KafkaTestClient.send("hpo.trial-events", event.trialId(), json.writeValueAsString(event));
    }
}

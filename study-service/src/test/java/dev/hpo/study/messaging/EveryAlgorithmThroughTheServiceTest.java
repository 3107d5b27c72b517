package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Each algorithm and stopping rule drives a small study to completion through the real broker and database; the
 * runner is simulated, with accuracy growing with units and epochs.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class EveryAlgorithmThroughTheServiceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "grid       | {\"type\": \"grid\"}                                                  | | 12",
            "tpe        | {\"type\": \"tpe\", \"seed\": 5, \"startupTrials\": 3}                | \"maxTrials\": 8, | 8",
            "bohb       | {\"type\": \"bohb\", \"seed\": 5, \"maxEpochs\": 9, \"factor\": 3, \"startupTrials\": 3} | | 12",
            "asha       | {\"type\": \"asha\", \"seed\": 5, \"maxEpochs\": 9, \"factor\": 3}     | \"maxTrials\": 9, | 9",
            "percentile | {\"type\": \"random\", \"seed\": 5}                                   | \"maxTrials\": 8, \"earlyStopping\": {\"type\": \"percentile\", \"percentile\": 75, \"minTrials\": 2, \"warmupEpochs\": 1}, | 8",
            "patience   | {\"type\": \"random\", \"seed\": 5}                                   | \"maxTrials\": 4, \"earlyStopping\": {\"type\": \"patience\", \"patience\": 2}, | 4"})
    void studyRunsToCompletion(String name, String algorithm, String extra, int expectedTrials) {
        boolean multiFidelity = algorithm.contains("maxEpochs");
        String spec = """
                {"name": "%s", "objective": {"metric": "val_accuracy"}, "algorithm": %s, %s
                 "parallelism": 2 %s,
                 "space": {"units": {"type": "int", "min": 32, "max": 192, "step": 32},
                           "learning_rate": {"type": "choice", "values": [0.01, 0.001]}}}"""
                .formatted(name, algorithm, extra == null ? "" : extra, multiFidelity ? "" : ", \"epochs\": 4");
        JsonPath created = given().contentType(ContentType.JSON).body(spec).post("/api/studies")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        // bohb's plan (9, 3) wants 17 trials, but the space has 12 configurations and none is tried twice
        int planned = expectedTrials;

        // the patience study's accuracy stalls after epoch 1, so every trial is stopped by the rule
        boolean stall = name.equals("patience");
        SimulatedRunner runner = new SimulatedRunner(id, (params, epoch) ->
                ((Number) params.get("units")).doubleValue() / 1000 + (stall ? 0 : epoch / 100.0));
        Poll.until(name + " study to complete", Duration.ofSeconds(120), () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", id).then().extract().<String>path("status");
        }, "COMPLETED"::equals);

        JsonPath trials = given().get("/api/studies/{id}/trials", id).then().extract().jsonPath();
        List<String> statuses = trials.getList("status");
        assertEquals(planned, statuses.size(), name + ": " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s.equals("COMPLETED") || s.equals("PRUNED")), statuses.toString());
        if (name.equals("patience") || name.equals("percentile")) {
            assertTrue(statuses.contains("PRUNED"), name + " pruned nothing: " + statuses);
        }
        if (name.equals("grid")) {
            assertEquals(12, new java.util.HashSet<>(trials.getList("params")).size(),
                    "without maxTrials the grid runs each of its 6 x 2 configurations once");
        }
    }
}

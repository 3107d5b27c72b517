package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Median stopping through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class EarlyStoppingStudyTest {

    private static final String SPEC = """
            {"name": "median-stopping",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "random", "seed": 3},
             "earlyStopping": {"type": "median", "minTrials": 3, "warmupEpochs": 1},
             "maxTrials": 10, "parallelism": 1, "epochs": 6,
             "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32}}}""";

    @Test
    void trialsBelowTheMedianArePrunedWithTheFiguresAndTheirRunnerIsTold() {
        String id = given().contentType(ContentType.JSON).body(SPEC).post("/api/studies")
                .then().statusCode(201).extract().path("id");
        SimulatedRunner runner = new SimulatedRunner(id,
                (params, epoch) -> ((Number) params.get("units")).doubleValue() / 1000 + epoch / 100.0);

        Poll.until("study to complete", Duration.ofSeconds(90), () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", id).then().extract().<String>path("status");
        }, "COMPLETED"::equals);

        JsonPath trials = given().get("/api/studies/{id}/trials", id).then().extract().jsonPath();
        List<String> statuses = trials.getList("status");
        assertEquals(10, statuses.size());
        assertTrue(statuses.contains("PRUNED"), statuses.toString());
        assertTrue(statuses.contains("COMPLETED"), statuses.toString());
        for (int i = 0; i < statuses.size(); i++) {
            if (!statuses.get(i).equals("PRUNED")) {
                continue;
            }
            String reason = trials.getString("[" + i + "].statusReason");
            assertTrue(reason.startsWith("median rule at epoch"), reason);
            assertTrue(reason.contains("median"), reason);
            int stored = trials.getList("[" + i + "].epochs").size();
            assertTrue(stored >= 2 && stored < 6, "a pruned trial keeps only the epochs up to its stop: " + stored);
            String trialId = trials.getString("[" + i + "].id");
            List<ConsumerRecord<String, String>> stops = KafkaTestClient.await("hpo.trial-control",
                    r -> trialId.equals(r.key()), 1, Duration.ofSeconds(20));
            assertEquals(1, stops.size(), "stop sent to the runners");
            assertTrue(stops.get(0).value().contains("\"type\":\"Stop\""), stops.get(0).value());
        }
        assertFalse(trials.getList("[0].timeline.to").isEmpty(), "every transition is stored");
    }
}

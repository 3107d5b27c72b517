package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.algorithm.FloatParameter;
import dev.hpo.study.algorithm.RangeRefinement;
import dev.hpo.study.algorithm.SearchSpace;
import dev.hpo.study.spec.StudySpecReader;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A coarse-to-fine study through the real broker and database, this test playing the runner. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class RefineStudyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final String SPEC = """
            {"name": "coarse-to-fine",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "random", "seed": 7},
             "refine": {"after": 6, "keepTop": 2, "trials": 4},
             "parallelism": 2, "epochs": 2,
             "dataset": {"name": "fashion-mnist", "trainLimit": 1000},
             "space": {
               "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"},
               "optimizer": {"type": "choice", "values": ["adam", "sgd"]},
               "beta_1": {"type": "float", "min": 0.9, "max": 0.999, "sampling": "log1m",
                          "parent": "optimizer", "parentValues": ["adam"]},
               "units": {"type": "int", "min": 32, "max": 512, "step": 32}
             }}""";

    private final ObjectMapper json = new ObjectMapper();

    /** Best at a learning rate of 10^-2.5 and 256 units, a little better each epoch. */
    private static double valAccuracy(Map<String, Object> params, int epoch) {
        double lr = Math.log10(((Number) params.get("learning_rate")).doubleValue()) + 2.5;
        double units = (((Number) params.get("units")).doubleValue() - 256) / 2000;
        return 0.9 - lr * lr / 10 - Math.abs(units) + 0.001 * epoch;
    }

    @Test
    void aRefinedStudyRunsCoarseThenFineTrialsInsideTheNarrowedRanges() throws Exception {
        String studyId = given().contentType(ContentType.JSON).body(SPEC).post("/api/studies")
                .then().statusCode(201).extract().path("id");
        SimulatedRunner runner = new SimulatedRunner(studyId, RefineStudyTest::valAccuracy);
        JsonPath study = Poll.until("study to complete", TIMEOUT, () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", studyId).then().extract().jsonPath();
        }, s -> "COMPLETED".equals(s.getString("status")));

        assertEquals(10, study.getInt("trials.completed"));
        assertEquals(10, study.getInt("trials.planned"));
        assertEquals(6, study.getInt("plan.refine.coarseTrials"));
        assertEquals(1, study.getInt("plan.refine.fineBracket"));

        List<Map<String, Object>> trials = json.readValue(given().get("/api/studies/{id}/trials", studyId)
                .then().statusCode(200).extract().asString(), new TypeReference<>() { });
        trials.sort(Comparator.comparingInt(t -> (Integer) t.get("number")));
        List<Map<String, Object>> coarse = trials.subList(0, 6);
        List<Map<String, Object>> fine = trials.subList(6, 10);
        assertTrue(coarse.stream().allMatch(t -> (Integer) t.get("bracket") == 0), "coarse trials: bracket 0");
        assertTrue(fine.stream().allMatch(t -> (Integer) t.get("bracket") == 1), "fine trials: bracket 1");

        Instant coarseOver = coarse.stream().map(t -> Instant.parse((String) t.get("finishedAt")))
                .max(Comparator.naturalOrder()).orElseThrow();
        for (Map<String, Object> trial : fine) {
            assertFalse(Instant.parse((String) trial.get("createdAt")).isBefore(coarseOver),
                    "fine trial " + trial.get("number") + " created before the coarse phase was over");
            String reason = (String) timeline(trial).get(0).get("reason");
            assertTrue(reason.startsWith("fine phase: drawn from the space narrowed around coarse trials"), reason);
        }

        List<Map<String, Object>> top = coarse.stream()
                .sorted(Comparator.comparingDouble(t -> -((Number) t.get("bestValue")).doubleValue()))
                .limit(2).map(RefineStudyTest::params).toList();
        SearchSpace space = StudySpecReader.read(SPEC).space();
        SearchSpace narrowed = RangeRefinement.narrow(space, top);
        for (Map<String, Object> trial : fine) {
            assertTrue(narrowed.contains(params(trial)), params(trial) + " outside " + narrowed);
        }
        FloatParameter rate = (FloatParameter) narrowed.parameters().get(0);
        assertTrue(rate.max() / rate.min() < 1e3, "the learning rate's range narrowed: " + rate);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> trial) {
        return (Map<String, Object>) trial.get("params");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timeline(Map<String, Object> trial) {
        return (List<Map<String, Object>>) trial.get("timeline");
    }
}

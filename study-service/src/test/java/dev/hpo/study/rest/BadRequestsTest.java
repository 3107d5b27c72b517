package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.hpo.embedded.HpoInfrastructure;
import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Malformed specs and API calls: each gets a 4xx problem+json answer naming the field, and the stored state is
 * exactly what it was.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class BadRequestsTest {

    private static final String VALID = Specs.random("bad-input", 4, 2, 3);
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    static List<Arguments> badRequests() {
        return List.of(
                post("empty body", "", 400, ""),
                post("not JSON", "units=32", 400, ""),
                post("JSON array", "[]", 400, ""),
                post("JSON string", "\"study\"", 400, ""),
                post("truncated JSON", VALID.substring(0, 40), 400, ""),
                post("missing name", VALID.replace("\"name\": \"bad-input\",", ""), 400, "name"),
                post("blank name", VALID.replace("\"bad-input\"", "\"   \""), 400, "name"),
                post("name too long", VALID.replace("bad-input", "x".repeat(300)), 400, "name"),
                post("name as number", VALID.replace("\"bad-input\"", "42"), 400, "name"),
                post("missing objective", VALID.replace("\"objective\": {\"metric\": \"val_accuracy\", \"direction\": \"maximize\"},", ""), 400, "objective.metric"),
                post("unknown metric", VALID.replace("\"val_accuracy\"", "\"f1\""), 400, "objective.metric"),
                post("direction typo", VALID.replace("\"maximize\"", "\"maximise\""), 400, "objective.direction"),
                post("unknown algorithm", VALID.replace("\"random\"", "\"simulated-annealing\""), 400, "algorithm.type"),
                post("seed as string", VALID.replace("\"seed\": 42", "\"seed\": \"42\""), 400, "algorithm.seed"),
                post("negative trials", VALID.replace("\"maxTrials\": 4", "\"maxTrials\": -4"), 400, "maxTrials"),
                post("too many trials", VALID.replace("\"maxTrials\": 4", "\"maxTrials\": 10000000"), 400, "maxTrials"),
                post("fractional trials", VALID.replace("\"maxTrials\": 4", "\"maxTrials\": 4.5"), 400, "maxTrials"),
                post("zero parallelism", VALID.replace("\"parallelism\": 2", "\"parallelism\": 0"), 400, "parallelism"),
                post("too many epochs", VALID.replace("\"epochs\": 3", "\"epochs\": 5000"), 400, "epochs"),
                post("unknown top-level field", VALID.replace("\"maxTrials\"", "\"maxTrial\""), 400, "maxTrial"),
                post("unknown dataset", VALID.replace("\"fashion-mnist\"", "\"imagenet\""), 400, "dataset.name"),
                post("zero train limit", VALID.replace("\"trainLimit\": 1000", "\"trainLimit\": 0"), 400, "dataset.trainLimit"),
                post("empty space", VALID.substring(0, VALID.indexOf("\"space\"")) + "\"space\": {}}", 400, "space"),
                post("space as list", VALID.substring(0, VALID.indexOf("\"space\"")) + "\"space\": []}", 400, "space"),
                post("negative learning rate", VALID.replace("0.0001]", "-0.0001]"), 400, "space.learning_rate"),
                post("learning rate of zero", VALID.replace("0.0001]", "0]"), 400, "space.learning_rate"),
                post("unknown optimiser", VALID.replace("\"units\": {", "\"optimizer\": {\"type\": \"choice\", \"values\": [\"adam\", \"lamb\"]}, \"units\": {"), 400, "space.optimizer"),
                post("step not dividing the range", VALID.replace("\"step\": 32", "\"step\": 50"), 400, "space.units.step"),
                post("min above max", VALID.replace("\"min\": 32", "\"min\": 1024"), 400, "space.units.min"),
                post("int bound as string", VALID.replace("\"min\": 32", "\"min\": \"32\""), 400, "space.units.min"),
                post("hyperparameter nobody reads", VALID.replace("\"units\": {", "\"unitz\": {\"type\": \"fixed\", \"value\": 3}, \"units\": {"), 400, "space.unitz"),
                post("conflicting: hyperband with maxTrials", VALID.replace("\"type\": \"random\", \"seed\": 42", "\"type\": \"hyperband\", \"maxEpochs\": 3").replace("\"epochs\": 3,", ""), 400, "maxTrials"),
                post("conflicting: factor for random search", VALID.replace("\"seed\": 42", "\"seed\": 42, \"factor\": 3"), 400, "algorithm.factor"),
                post("huge payload", VALID.replace("bad-input", "x".repeat(300_000)), 413, null),
                request("get unknown study", "GET", "/api/studies/" + UNKNOWN_ID, null, 404),
                request("trials of unknown study", "GET", "/api/studies/" + UNKNOWN_ID + "/trials", null, 404),
                request("malformed study id", "GET", "/api/studies/not-a-uuid/leaderboard", null, 404),
                request("cancel unknown study", "POST", "/api/studies/" + UNKNOWN_ID + "/cancel", "", 404),
                request("preview sample out of range", "POST", "/api/studies/preview?sample=100000", VALID, 400),
                request("wrong content type", "POST", "/api/studies", "text", 415));
    }

    private static Arguments post(String description, String body, int status, String field) {
        return Arguments.of(description, "POST", "/api/studies", body, status, field);
    }

    private static Arguments request(String description, String method, String path, String body, int status) {
        return Arguments.of(description, method, path, body, status, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithProblemJsonAndChangesNothing(String description, String method, String path, String body,
            int status, String field) throws Exception {
        long[] before = storedRows();

        var spec = given();
        if (body != null) {
            spec = spec.contentType(description.equals("wrong content type") ? "text/plain" : "application/json")
                    .body(body);
        }
        ValidatableResponse response = spec.request(method, path).then().statusCode(status);
        if (status != 413 && status != 415) {
            response.contentType(Problem.MEDIA_TYPE).body("status", equalTo(status));
        }
        if (field != null && !field.isEmpty()) {
            response.body("errors.field", hasItem(field));
        }

        long[] after = storedRows();
        assertEquals(before[0], after[0], description + ": studies stored");
        assertEquals(before[1], after[1], description + ": trials stored");
    }

    private static long[] storedRows() throws Exception {
        try (Connection c = DriverManager.getConnection(
                HpoTestInfrastructure.get().postgres().jdbcUrl(HpoInfrastructure.DATABASE), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT (SELECT count(*) FROM study), (SELECT count(*) FROM trial)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}

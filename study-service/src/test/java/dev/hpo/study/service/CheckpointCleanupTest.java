package dev.hpo.study.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Finished trials lose their checkpoints except the best ones' final checkpoint and model archive (three by
 * default), and the best trial's model archive is the study's best-model download.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class CheckpointCleanupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    CheckpointStore store;

    @Test
    void keepsOnlyTheBestTrialsFinalCheckpointsAndServesTheBestModel() throws Exception {
        String studyId = given().contentType(ContentType.JSON).body(Specs.random("cleanup", 5, 2, 3))
                .post("/api/studies").then().statusCode(201).extract().path("id");
        given().get("/api/studies/{id}/best-model", studyId).then().statusCode(404)
                .body(containsString("no trial with a reported objective"));

        // val_accuracy grows with units, so the best three trials are those with the most units
        SimulatedRunner runner = new SimulatedRunner(studyId,
                (params, epoch) -> ((Number) params.get("units")).doubleValue() / 1000 * epoch / 3).writingTo(store);
        Poll.until("the study to complete", TIMEOUT, () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", studyId).then().extract().jsonPath();
        }, s -> "COMPLETED".equals(s.getString("status")));
        List<String> ranked = given().get("/api/studies/{id}/leaderboard", studyId).then().statusCode(200)
                .extract().jsonPath().getList("trialId", String.class);
        assertEquals(5, ranked.size());

        Set<String> expected = ranked.subList(0, 3).stream()
                .flatMap(trial -> {
                    String last = CheckpointReferences.afterEpoch(studyId, trial, 3);
                    return Stream.of(last, CheckpointReferences.modelArchive(last));
                })
                .collect(Collectors.toSet());
        Poll.until("the clean-up to leave the best three trials' final files", TIMEOUT,
                () -> stored(studyId), expected::equals);

        byte[] model = given().get("/api/studies/{id}/best-model", studyId).then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", containsString("-model.zip"))
                .header("X-Hpo-Trial", ranked.get(0))
                .extract().asByteArray();
        String archive = CheckpointReferences.modelArchive(CheckpointReferences.afterEpoch(studyId, ranked.get(0), 3));
        assertEquals(archive, new String(model, StandardCharsets.UTF_8));
        JsonPath trials = given().get("/api/studies/{id}/trials", studyId).then().extract().jsonPath();
        assertTrue(trials.getList("status").stream().allMatch("COMPLETED"::equals), trials.prettify());
    }

    private Set<String> stored(String studyId) {
        try {
            return Set.copyOf(store.list(studyId + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

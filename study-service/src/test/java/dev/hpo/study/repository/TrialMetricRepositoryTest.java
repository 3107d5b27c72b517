package dev.hpo.study.repository;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.service.StudyHistory;
import dev.hpo.study.support.Specs;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Epochs written in one statement and read back as the histories read them. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class TrialMetricRepositoryTest {

    @Inject
    TrialMetricRepository metrics;

    @Test
    void epochsStoredTogetherReadBackWithEveryObjectiveExactlyAsReported() throws Throwable {
        String study = given().contentType(ContentType.JSON).body(Specs.random("epochs-exact", 2, 2, 4))
                .post("/api/studies").then().statusCode(201).extract().path("id");
        List<String> trials = given().get("/api/studies/{id}/trials", study).then().extract().path("id");
        UUID first = UUID.fromString(trials.get(0));
        UUID second = UUID.fromString(trials.get(1));
        List<TrialMetric> rows = List.of(metric(first, 1, 1, 0.1 + 0.2), metric(first, 1, 2, 1.0 / 3),
                metric(first, 2, 1, 1e-300), metric(second, 1, 1, null), metric(second, 1, 2, -0.0),
                metric(second, 1, 3, 0.9999999999999999));

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> metrics.insertAll(rows)));
        List<StudyHistory.Epoch> read = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> metrics.listEpochsByStudy(UUID.fromString(study))));

        List<StudyHistory.Epoch> expected = new ArrayList<>();
        rows.forEach(m -> expected.add(new StudyHistory.Epoch(m.trialId, m.attempt, m.epoch, m.objective)));
        assertEquals(Set.copyOf(expected), Set.copyOf(read));
        assertEquals(expected.size(), read.size());
        Set<TrialMetricRepository.Key> stored = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> metrics.storedKeys(List.of(first), 2, 3)));
        assertEquals(Set.of(new TrialMetricRepository.Key(first, 1, 2)), stored);
    }

    private static TrialMetric metric(UUID trial, int attempt, int epoch, Double objective) {
        TrialMetric m = new TrialMetric();
        m.trialId = trial;
        m.attempt = attempt;
        m.epoch = epoch;
        m.metrics = objective == null ? "{}" : "{\"val_accuracy\":" + objective + "}";
        m.objective = objective;
        m.seconds = 0.25;
        m.runnerId = "runner-x";
        m.recordedAt = Instant.now();
        return m;
    }
}

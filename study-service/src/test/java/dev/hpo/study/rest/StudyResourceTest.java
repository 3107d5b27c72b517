package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class StudyResourceTest {

    @Test
    void createdStudyPublishesOneTrialRequestPerParallelSlot() {
        String id = given().contentType(ContentType.JSON).body(Specs.random("slots", 5, 2, 3))
                .when().post("/api/studies")
                .then().statusCode(201)
                .header("Location", containsString("/api/studies/"))
                .body("status", equalTo("RUNNING"))
                .body("trials.planned", equalTo(5))
                .body("trials.queued", equalTo(2))
                .body("spec.algorithm.seed", equalTo(42))
                .extract().path("id");

        List<ConsumerRecord<String, String>> requests = KafkaTestClient.await("hpo.trial-requests",
                r -> r.value().contains(id), 2, Duration.ofSeconds(30));

        assertEquals(2, requests.size());
        List<String> trialIds = given().get("/api/studies/{id}/trials", id).then().statusCode(200)
                .body("", hasSize(2))
                .body("status", everyItem(equalTo("QUEUED")))
                .body("number", contains(0, 1))
                .extract().path("id");
        assertEquals(trialIds.stream().sorted().toList(), requests.stream().map(ConsumerRecord::key).sorted().toList());
        assertTrue(requests.get(0).value().contains("\"targetEpoch\":3"), requests.get(0).value());
    }

    @Test
    void creatingAStudyAnnouncesItOnTheStudyEventsTopic() {
        String id = given().contentType(ContentType.JSON).body(Specs.random("announced", 1, 1, 1))
                .post("/api/studies").then().statusCode(201).extract().path("id");

        List<ConsumerRecord<String, String>> events = KafkaTestClient.await("hpo.study-events",
                r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
        assertTrue(events.stream().anyMatch(e -> e.value().contains("\"kind\":\"StudyCreated\"")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.value().contains("\"kind\":\"TrialChanged\"")), events.toString());
    }

    @Test
    void invalidStudyGetsProblemJsonNamingEachFieldAndIsNotStored() {
        int before = given().get("/api/studies").then().extract().path("size()");

        given().contentType(ContentType.JSON)
                .body(Specs.random("bad", 0, 1, 1).replace("\"step\": 32", "\"step\": 50"))
                .when().post("/api/studies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("maxTrials"))
                .body("errors.field", hasItem("space.units.step"));

        given().get("/api/studies").then().body("size()", equalTo(before));
    }

    @Test
    void malformedJsonIsA400NotA500() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/studies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", startsWith("malformed JSON"));
    }

    @Test
    void unknownStudyIsA404WithProblemJson() {
        given().get("/api/studies/{id}", "5b0e3c55-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/studies/{id}/leaderboard", "not-a-uuid")
                .then().statusCode(404);
    }

    @Test
    void listedStudyShowsItsProgress() {
        String id = given().contentType(ContentType.JSON).body(Specs.random("listed", 3, 1, 1))
                .post("/api/studies").then().statusCode(201).extract().path("id");

        given().get("/api/studies").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo("listed"))
                .body("find { it.id == '" + id + "' }.trials.queued", equalTo(1))
                .body("find { it.id == '" + id + "' }.objective.metric", equalTo("val_accuracy"));
    }
}

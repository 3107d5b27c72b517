package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With a token configured, writing needs it; reading, previewing and suggesting do not; limits hold. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
@TestProfile(SecuredWritesTest.Secured.class)
class SecuredWritesTest {

    static final String TOKEN = "s3cret-token";

    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpo.study.api-token", TOKEN, "hpo.study.max-running-studies", "1000");
        }
    }

    @Test
    void creatingWithoutTheTokenIsRefusedAndStoresNothing() {
        int before = given().get("/api/studies").then().statusCode(200).extract().path("size()");
        given().contentType(ContentType.JSON).body(Specs.random("no-token", 1, 1, 1)).post("/api/studies")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong")
                .body(Specs.random("bad-token", 1, 1, 1)).post("/api/studies")
                .then().statusCode(401);
        given().get("/api/studies").then().body("size()", equalTo(before));
    }

    @Test
    void previewNeedsNoToken() {
        given().contentType(ContentType.JSON).body(Specs.random("preview", 1, 1, 1)).post("/api/studies/preview")
                .then().statusCode(200);
    }

    @Test
    void suggestingASpaceNeedsNoToken() {
        given().contentType(ContentType.JSON).body("{\"inputSize\": 784, \"outputSize\": 10}")
                .post("/api/spaces/suggest")
                .then().statusCode(200);
    }

    @Test
    void cancellingPrunesTrialsInFlightAndTellsTheirRunners() {
        String id = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TOKEN)
                .body(Specs.random("to-cancel", 5, 2, 3)).post("/api/studies")
                .then().statusCode(201).extract().path("id");

        given().post("/api/studies/{id}/cancel", id).then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN).post("/api/studies/{id}/cancel", id)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));

        List<String> trialIds = given().get("/api/studies/{id}/trials", id).then()
                .body("status", everyItem(equalTo("PRUNED")))
                .body("statusReason", everyItem(equalTo("study cancelled")))
                .extract().path("id");
        assertEquals(2, trialIds.size(), "parallelism 2 puts two trials in flight");
        for (String trialId : trialIds) {
            var stops = KafkaTestClient.await("hpo.trial-control",
                    r -> trialId.equals(r.key()) && r.value().contains("study cancelled"), 1, Duration.ofSeconds(30));
            assertEquals(1, stops.size(), "a stop for trial " + trialId);
        }
        given().header("Authorization", "Bearer " + TOKEN).post("/api/studies/{id}/cancel", id)
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        assertEquals("CANCELLED", given().get("/api/studies/{id}", id).then().extract().path("status"));
    }
}

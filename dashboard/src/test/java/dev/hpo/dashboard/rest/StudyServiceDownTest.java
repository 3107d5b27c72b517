package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With study-service unreachable every page answers 503 and names the address it tried. */
@QuarkusTest
@TestProfile(StudyServiceDownTest.Down.class)
class StudyServiceDownTest {

    /** Nothing listens on the discard port. */
    static final String ADDRESS = "http://127.0.0.1:9";

    public static class Down implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.study-service.url", ADDRESS);
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void studiesPageIs503NamingTheAddress() {
        given().get("/").then().statusCode(503).body(containsString("<code>" + ADDRESS + "</code>"));
    }

    @Test
    void studyTrialAndRunnerPagesAre503() {
        given().get("/studies/x").then().statusCode(503).body(containsString(ADDRESS));
        given().get("/studies/x/trials/y").then().statusCode(503).body(containsString(ADDRESS));
        given().get("/runners").then().statusCode(503).body(containsString(ADDRESS));
        given().get("/studies/x/charts.json").then().statusCode(503).body("detail", containsString(ADDRESS));
    }
}

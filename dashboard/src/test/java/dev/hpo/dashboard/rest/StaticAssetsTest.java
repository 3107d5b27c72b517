package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chart library, scripts and stylesheet come from the dashboard itself: pages need no other address. */
@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class StaticAssetsTest {

    @Test
    void servesEChartsFromItsWebJar() {
        given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200)
                .body(containsString("echarts"));
    }

    @Test
    void servesItsOwnScriptsAndStylesheet() {
        given().get("/js/live.js").then().statusCode(200).body(containsString("EventSource"));
        given().get("/js/charts.js").then().statusCode(200).body(containsString("encodeHTML"));
        given().get("/css/dashboard.css").then().statusCode(200)
                .body(containsString("@media print"))
                .body(containsString("@media (max-width: 700px)"));
    }
}

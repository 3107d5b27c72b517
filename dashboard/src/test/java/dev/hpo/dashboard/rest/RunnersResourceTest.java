package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class RunnersResourceTest {

    @Test
    void showsEachRunnerWhatItTrainsAndHowFast() {
        given().get("/runners").then().statusCode(200)
                .body(containsString("data-runner-id=\"runner-2\""))
                .body(containsString("<a href=\"/studies/" + StubStudyService.STUDY_ID + "\">fashion-mnist-random</a>"))
                .body(containsString("<a href=\"/studies/" + StubStudyService.STUDY_ID + "/trials/t-d\">#3</a>"))
                .body(containsString("<td class=\"num\">41.2</td>"))
                .body(containsString("<span class=\"status failed\">silent</span>"))
                .body(containsString("idle"));
    }

    @Test
    void saysNotAvailableYetWhenStudyServiceHasNoRunnerStatus() {
        System.setProperty(StubStudyService.NO_RUNNERS, "true");
        try {
            given().get("/runners").then().statusCode(200)
                    .body(containsString("id=\"runners-missing\">Not available yet"))
                    .body(not(containsString("data-runner-id")));
        } finally {
            System.clearProperty(StubStudyService.NO_RUNNERS);
        }
    }
}

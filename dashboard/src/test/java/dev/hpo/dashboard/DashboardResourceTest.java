package dev.hpo.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
class DashboardResourceTest {

    @Test
    void studiesPageListsEachStudyWithProgressAndBest() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("href=\"/studies/" + StubStudyService.STUDY_ID + "\""))
                .body(containsString("fashion-mnist-random"))
                .body(containsString("2 / 4"))
                .body(containsString("0.8712"))
                .body(containsString("val_accuracy (maximize)"));
    }

    @Test
    void leaderboardShowsHyperparametersInSpaceOrderAndRanksBestFirst() {
        String html = given().get("/studies/{id}", StubStudyService.STUDY_ID).then().statusCode(200)
                .body(containsString("<th>units</th><th>learning_rate</th>"))
                .body(containsString("http-equiv=\"refresh\""))
                .extract().asString();

        int best = html.indexOf("data-trial-id=\"t-b\"");
        int second = html.indexOf("data-trial-id=\"t-a\"");
        int unranked = html.indexOf("data-trial-id=\"t-c\"");
        assertTrue(best > 0 && best < second && second < unranked, "rows out of order");
        assertTrue(html.substring(best, second).contains("0.001<"), "learning rate printed plainly");
        assertTrue(html.substring(best - 40, best).contains("best"), "best row highlighted");
    }

    @Test
    void unknownStudyIsA404Page() {
        given().get("/studies/{id}", "no-such-study").then().statusCode(404)
                .body(containsString("knows no study"))
                .body(not(containsString("Exception")));
    }
}

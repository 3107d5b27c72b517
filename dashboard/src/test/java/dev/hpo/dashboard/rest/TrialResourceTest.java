package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class TrialResourceTest {

    private static String page(String study, String trial) {
        return given().get("/studies/{id}/trials/{trial}", study, trial).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
    }

    @Test
    void showsHyperparametersInSpaceOrderWithHowEachWasSearched() {
        String html = page(StubStudyService.STUDY_ID, "t-b");
        int units = html.indexOf("<th scope=\"row\">units</th><td class=\"num\">480</td><td>int 32–512 step 32</td>");
        int rate = html.indexOf("<th scope=\"row\">learning_rate</th><td class=\"num\">0.001</td>"
                + "<td>choice of [0.01, 0.001, 0.0001]</td>");
        assertTrue(units > 0 && rate > units, html);
    }

    @Test
    void metricsTableHasEveryEpochOfEveryAttemptAndMarksTheRerunOne() {
        String html = page(StubStudyService.STUDY_ID, "t-b");
        int table = html.indexOf("id=\"metrics-table\"");
        assertTrue(html.indexOf("<th scope=\"col\" class=\"num\">loss</th><th scope=\"col\" class=\"num\">accuracy</th>"
                + "<th scope=\"col\" class=\"num\">val_loss</th><th scope=\"col\" class=\"num\">val_accuracy</th>", table) > 0,
                "metric columns in a fixed order");
        assertTrue(html.contains("class=\"superseded\""), "epoch 2 of attempt 1 was trained again");
        assertTrue(html.contains("<td class=\"num\">0.8712</td>"));
        assertTrue(html.contains("<td class=\"num\">0.97 s</td>"));
    }

    @Test
    void timelineListsEveryTransitionWithItsReason() {
        String html = page(StubStudyService.STUDY_ID, "t-b");
        int lost = html.indexOf("lease expired: runner-3 silent for 30 s");
        int resumed = html.indexOf("started on runner-1");
        int completed = html.indexOf("<span class=\"status completed\">COMPLETED</span></span>");
        assertTrue(lost > 0 && resumed > lost && completed > resumed, "in order");
        assertTrue(html.contains("<span class=\"status running\">RUNNING</span> → <span class=\"status queued\">"
                + "QUEUED</span>"), "from and to");
    }

    @Test
    void prunedTrialSaysWhichRuleStoppedIt() {
        given().get("/studies/{id}/trials/{trial}", StubStudyService.STUDY_ID, "t-e").then()
                .body(containsString("Why PRUNED:</span> median rule at epoch 2: 0.6020 below the median"));
    }

    @Test
    void chartsAndLiveUpdatesFollowOnlyThisTrial() {
        given().get("/studies/{id}/trials/{trial}", StubStudyService.STUDY_ID, "t-d").then().statusCode(200)
                .body(containsString("data-trial=\"t-d\""))
                .body(containsString("data-events=\"/studies/" + StubStudyService.STUDY_ID + "/events\""))
                .body(containsString("data-src=\"/studies/" + StubStudyService.STUDY_ID + "/trials/t-d/charts.json\""))
                .body(containsString("<b id=\"trial-epochs\">2 / 3</b>"));
    }

    @Test
    void unknownTrialIsA404Page() {
        given().get("/studies/{id}/trials/{trial}", StubStudyService.STUDY_ID, "nope").then().statusCode(404)
                .body(containsString("has no trial with this id"));
    }

    @Test
    void trialOfAnUnknownStudyIsA404Page() {
        given().get("/studies/{id}/trials/{trial}", "nope", "t-a").then().statusCode(404)
                .body(containsString("knows no study nope"));
    }
}

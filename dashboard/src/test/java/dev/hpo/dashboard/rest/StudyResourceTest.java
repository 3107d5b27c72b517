package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class StudyResourceTest {

    private static String page(String id) {
        return given().get("/studies/{id}", id).then().statusCode(200).extract().asString();
    }

    @Test
    void aRangeTestShowsItsSuggestedRangeAndHowToUseIt() {
        String html = page(StubStudyService.RANGE_TEST_ID);
        assertTrue(html.contains("Suggested learning rate range: <strong>0.000105 – 0.0205</strong>"), html);
        assertTrue(html.contains("id=\"range-chart\""));
        assertTrue(html.contains("\"fromRangeTest\": \"" + StubStudyService.RANGE_TEST_ID + "\""), html);
        assertTrue(!page(StubStudyService.STUDY_ID).contains("range-chart"));
    }

    @Test
    void factsShowProgressInTrialsAndEpochsAndTheBestTrial() {
        String html = page(StubStudyService.STUDY_ID);
        assertTrue(html.contains("<b id=\"trials-done\">3 / 5</b>"), html);
        assertTrue(html.contains("<b id=\"epochs-spent\">10 / 15</b>"));
        assertTrue(html.contains("1 running · 1 queued · 0 paused ·"));
        assertTrue(html.contains("median · minTrials 2 · warmupEpochs 1"));
        assertTrue(html.contains("fashion-mnist · trainLimit 2000"));
        assertTrue(html.contains("href=\"/studies/" + StubStudyService.STUDY_ID + "/trials/t-b\">trial #1</a>, epoch 3"));
        assertTrue(html.contains("median stopping judges a trial from epoch 2 on"), "plan notes");
    }

    @Test
    void leaderboardHasEveryHyperparameterInSpaceOrderAndRanksBestFirst() {
        String html = page(StubStudyService.STUDY_ID);
        assertTrue(html.indexOf(">units</a>") < html.indexOf(">learning_rate</a>"), "space order");
        int best = html.indexOf("data-trial-id=\"t-b\"");
        int second = html.indexOf("data-trial-id=\"t-d\"");
        int unranked = html.indexOf("data-trial-id=\"t-c\"");
        assertTrue(best > 0 && best < second && second < unranked, "rows out of order");
        assertTrue(html.substring(best, second).contains(">0.001<"), "learning rate printed plainly");
        assertTrue(html.substring(best - 40, best).contains("best"), "best row highlighted");
        assertTrue(html.substring(best, second).contains(
                "href=\"/studies/" + StubStudyService.STUDY_ID + "/trials/t-b\">#1</a>"), "trial link");
        for (String column : new String[] {"Rank", "Trial", "Best val_accuracy", "At epoch", "Epochs run", "Status",
                "Runner"}) {
            assertTrue(html.contains(">" + column + "</a>"), column);
        }
    }

    @Test
    void hyperbandStudyShowsEachBracketsRungsWithWhoWasPromoted() {
        String html = page(StubStudyService.HYPERBAND_ID);
        int bracket0 = html.indexOf("<caption>Bracket 0</caption>");
        int bracket1 = html.indexOf("<caption>Bracket 1</caption>");
        assertTrue(bracket0 > 0 && bracket1 > bracket0, "both brackets");
        String first = html.substring(bracket0, bracket1);
        assertTrue(first.contains("3 / 3<br><small>1 promoted</small>"), first);
        assertTrue(first.contains("class=\"outcome promoted\" href=\"/studies/" + StubStudyService.HYPERBAND_ID
                + "/trials/h-1\""), first);
        assertTrue(first.contains("class=\"outcome not-promoted\""), first);
        assertTrue(first.contains("promoted to rung 1 (epoch 3): rank 1 of 3"), "promotion reason");
        assertTrue(first.contains("1 / 1"), "rung 1 reached by one of one");
        assertTrue(html.contains("maxEpochs 3 · factor 3 · minEpochs 1 · iterations 1 · arithmetic kerastuner"));
    }

    @Test
    void randomSearchHasNoBrackets() {
        given().get("/studies/{id}", StubStudyService.STUDY_ID).then().statusCode(200)
                .body(not(containsString("Brackets and rungs")));
    }

    @Test
    void importanceIsRankedWhenStudyServiceHasIt() {
        String html = page(StubStudyService.STUDY_ID);
        assertTrue(html.contains("id=\"importance-chart\""));
        int rate = html.indexOf("<td>learning_rate</td><td class=\"num\">71.0 %</td>");
        int units = html.indexOf("<td>units</td><td class=\"num\">29.0 %</td>");
        assertTrue(rate > 0 && units > rate, "ranked importance table");
    }

    @Test
    void importanceIsNotAvailableYetWhenStudyServiceAnswers404() {
        given().get("/studies/{id}", StubStudyService.HYPERBAND_ID).then().statusCode(200)
                .body(containsString("id=\"importance-missing\">Not available yet"))
                .body(not(containsString("id=\"importance-chart\"")));
    }

    @Test
    void chartsAndLiveUpdatesAreWiredWithoutAReloadLoop() {
        given().get("/studies/{id}", StubStudyService.STUDY_ID).then().statusCode(200)
                .body(containsString("data-events=\"/studies/" + StubStudyService.STUDY_ID + "/events\""))
                .body(containsString("data-src=\"/studies/" + StubStudyService.STUDY_ID + "/charts.json\""))
                .body(containsString("src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\""))
                .body(not(containsString("http-equiv=\"refresh\"")));
    }

    @Test
    void unknownStudyIsA404Page() {
        given().get("/studies/{id}", "no-such-study").then().statusCode(404)
                .body(containsString("knows no study no-such-study"))
                .body(not(containsString("Exception")));
    }
}

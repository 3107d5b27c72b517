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
class StudiesResourceTest {

    @Test
    void listsEachStudyWithStatusAlgorithmProgressAndBest() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("href=\"/studies/" + StubStudyService.STUDY_ID + "\""))
                .body(containsString("fashion-mnist-random"))
                .body(containsString("fashion-mnist-hyperband"))
                .body(containsString("3 / 5"))
                .body(containsString("10 / 15"))
                .body(containsString("0.8712"))
                .body(containsString("val_accuracy (maximize)"))
                .body(containsString("<td>hyperband</td>"))
                .body(containsString("4 of 4 studies"));
    }

    @Test
    void epochBudgetOfAHyperbandStudyComesFromItsPlan() {
        given().get("/").then().statusCode(200).body(containsString("11 / 11"));
    }

    @Test
    void filtersByStatusWithAQueryParameter() {
        given().queryParam("status", "completed").get("/").then().statusCode(200)
                .body(containsString("fashion-mnist-hyperband"))
                .body(not(containsString("fashion-mnist-random")))
                .body(containsString("<option value=\"COMPLETED\" selected>"))
                .body(containsString("2 of 4 studies"));
    }

    @Test
    void filtersByPartOfTheNameInAnyCase() {
        given().queryParam("name", "HYPER").get("/").then().statusCode(200)
                .body(containsString("fashion-mnist-hyperband"))
                .body(not(containsString("fashion-mnist-random")))
                .body(containsString("value=\"HYPER\""));
    }

    @Test
    void saysSoWhenNoStudyMatches() {
        given().queryParam("name", "no such study").get("/").then().statusCode(200)
                .body(containsString("None of the 4 studies matches this filter"))
                .body(containsString("href=\"/\">Show all"));
    }

    @Test
    void pageSubscribesToEveryStudysEvents() {
        given().get("/").then().statusCode(200)
                .body(containsString("data-events=\"/events\""))
                .body(containsString("src=\"/js/live.js\""))
                .body(not(containsString("http-equiv=\"refresh\"")));
    }
}

package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.RangeTestStudy;
import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The JSON the pages' scripts draw their charts from. */
@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class ChartsJsonTest {

    @Test
    void studyChartsHaveOneCurvePerTrialWithTheBestAndPrunedMarked() {
        given().get("/studies/{id}/charts.json", StubStudyService.STUDY_ID).then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("metric", equalTo("val_accuracy"))
                .body("curves.trials", equalTo(4))
                .body("curves.lines.number", contains(0, 1, 3, 4))
                .body("curves.lines.find { it.number == 1 }.best", equalTo(true))
                .body("curves.lines.find { it.number == 4 }.pruned", equalTo(true))
                .body("curves.lines.find { it.number == 1 }.points[1]", contains(2.0f, 0.8402f))
                .body("curves.rungs", hasSize(0));
    }

    @Test
    void hyperbandCurvesMarkTheRungEpochs() {
        given().get("/studies/{id}/charts.json", StubStudyService.HYPERBAND_ID).then().statusCode(200)
                .body("curves.rungs", contains(1))
                .body("importance", nullValue());
    }

    @Test
    void parallelCoordinatesHaveAnAxisPerHyperparameterThenTheObjective() {
        given().get("/studies/{id}/charts.json", StubStudyService.STUDY_ID).then().statusCode(200)
                .body("parallel.axes.name", contains("units", "learning_rate", "val_accuracy"))
                .body("parallel.axes.type", contains("value", "category", "value"))
                .body("parallel.axes[1].values", contains("0.01", "0.001", "0.0001"))
                .body("parallel.rows[0].name", equalTo("#1"))
                .body("parallel.rows[0].value", contains(480, "0.001", 0.8712f));
    }

    @Test
    void importanceComesWithTheCharts() {
        given().get("/studies/{id}/charts.json", StubStudyService.STUDY_ID).then().statusCode(200)
                .body("importance.importances.name", contains("learning_rate", "units"));
    }

    @Test
    void aLargeStudyDrawsAtMostTheConfiguredNumberOfCurvesRunningOnesIncluded() {
        given().get("/studies/{id}/charts.json", StubStudyService.LARGE_ID).then().statusCode(200)
                .body("curves.trials", equalTo(2000))
                .body("curves.lines", hasSize(200))
                .body("curves.lines.findAll { it.status == 'RUNNING' }", hasSize(3))
                .body("parallel.rows", hasSize(2000));
    }

    @Test
    void trialChartsHaveTheLatestAttemptsValuePerEpoch() {
        given().get("/studies/{id}/trials/{trial}/charts.json", StubStudyService.STUDY_ID, "t-b").then()
                .statusCode(200)
                .body("names", contains("loss", "accuracy", "val_loss", "val_accuracy"))
                .body("epochs", contains(1, 2, 3))
                .body("series.val_accuracy", contains(0.8233f, 0.8402f, 0.8712f));
    }

    @Test
    void chartsOfAnUnknownStudyAre404() {
        given().get("/studies/{id}/charts.json", "nope").then().statusCode(404)
                .body("detail", containsString("knows no study nope"));
    }

    @Test
    void aRangeTestsChartHasItsLossAgainstTheLearningRateAndTheSuggestedRange() {
        given().get("/studies/{id}/charts.json", StubStudyService.RANGE_TEST_ID).then().statusCode(200)
                .body("rangeTest.smoothed", hasSize((int) RangeTestStudy.measuredSteps()))
                .body("rangeTest.loss", hasSize((int) RangeTestStudy.measuredSteps()))
                .body("rangeTest.smoothed[0][0]", equalTo(1e-6f))
                .body("rangeTest.divergedLr", notNullValue())
                .body("rangeTest.suggested.min", equalTo((float) RangeTestStudy.MIN))
                .body("rangeTest.suggested.max", equalTo((float) RangeTestStudy.MAX));
        given().get("/studies/{id}/charts.json", StubStudyService.STUDY_ID).then().statusCode(200)
                .body("rangeTest", nullValue());
    }
}

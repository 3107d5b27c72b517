package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class StudyPreviewTest {

    private static String hyperband(int maxEpochs, int factor, String extra) {
        return """
                {"name": "preview", "objective": {"metric": "val_accuracy"},
                 "algorithm": {"type": "hyperband", "maxEpochs": %d, "factor": %d, "seed": 1%s},
                 "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32}}}"""
                .formatted(maxEpochs, factor, extra);
    }

    @Test
    void hyperbandPlanForTheWorkedExampleMatchesKerasTuner() {
        given().contentType(ContentType.JSON).body(hyperband(10, 3, "")).post("/api/studies/preview")
                .then().statusCode(200)
                .body("brackets", hasSize(3))
                .body("brackets[0].rungs.configs", equalTo(List.of(12, 4, 2)))
                .body("brackets[0].rungs.epochs", equalTo(List.of(2, 4, 10)))
                .body("brackets[1].rungs.configs", equalTo(List.of(6, 2)))
                .body("brackets[1].rungs.epochs", equalTo(List.of(4, 10)))
                .body("brackets[2].rungs.configs", equalTo(List.of(4)))
                .body("brackets[2].rungs.epochs", equalTo(List.of(10)))
                .body("trials", equalTo(22))
                .body("totalEpochs", equalTo(120))
                .body("spec.epochs", equalTo(10));
    }

    @Test
    void paperArithmeticFor81And3IsLiEtAlTable() {
        given().contentType(ContentType.JSON).body(hyperband(81, 3, ", \"arithmetic\": \"paper\""))
                .post("/api/studies/preview")
                .then().statusCode(200)
                .body("brackets", hasSize(5))
                .body("brackets[0].rungs.configs", equalTo(List.of(81, 27, 9, 3, 1)))
                .body("brackets[0].rungs.epochs", equalTo(List.of(1, 3, 9, 27, 81)))
                .body("brackets[1].rungs.configs", equalTo(List.of(34, 11, 3, 1)))
                .body("totalEpochs", equalTo(1581))
                .body("brackets[4].rungs.configs", equalTo(List.of(5)))
                .body("brackets[4].rungs.epochs", equalTo(List.of(81)));
    }

    @Test
    void samplesAreTheFirstConfigurationsAndNothingIsStored() {
        int before = given().get("/api/studies").then().extract().path("size()");
        given().contentType(ContentType.JSON).body("""
                {"name": "p", "objective": {"metric": "val_accuracy"}, "algorithm": {"type": "random", "seed": 4},
                 "maxTrials": 20, "epochs": 5,
                 "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32}}}""")
                .post("/api/studies/preview?sample=3")
                .then().statusCode(200)
                .body("samples", hasSize(3))
                .body("trials", equalTo(20))
                .body("totalEpochs", equalTo(100))
                .body("brackets", nullValue());
        given().get("/api/studies").then().body("size()", equalTo(before));
    }

    @Test
    void theRefinePhaseIsCountedAndItsBracketNamed() throws java.io.IOException {
        given().contentType(ContentType.JSON)
                .body(java.nio.file.Files.readString(java.nio.file.Path.of("../docs/examples/refine-random.json")))
                .post("/api/studies/preview")
                .then().statusCode(200)
                .body("trials", equalTo(30))
                .body("totalEpochs", equalTo(150))
                .body("spec.maxTrials", equalTo(30))
                .body("refine.coarseTrials", equalTo(20))
                .body("refine.fineTrials", equalTo(10))
                .body("refine.keepTop", equalTo(3))
                .body("refine.fineBracket", equalTo(1));
        given().contentType(ContentType.JSON).body(hyperband(10, 3, "").replace("\"space\"",
                "\"refine\": {\"trials\": 4}, \"space\"")).post("/api/studies/preview")
                .then().statusCode(200)
                .body("trials", equalTo(26))
                .body("totalEpochs", equalTo(160))
                .body("refine.coarseTrials", equalTo(22))
                .body("refine.fineBracket", equalTo(3));
    }

    @Test
    void gridSmallerBudgetThanGridSaysSo() {
        given().contentType(ContentType.JSON).body("""
                {"name": "g", "objective": {"metric": "val_accuracy"}, "algorithm": {"type": "grid"},
                 "maxTrials": 5, "epochs": 2,
                 "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                           "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}}}""")
                .post("/api/studies/preview")
                .then().statusCode(200)
                .body("notes", hasItem(containsString("48 configurations")));
    }

    @Test
    void theApiIsDescribedWithOpenApiAndBrowsable() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/studies/preview"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/studies/{id}/leaderboard"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void factorBelowTwoIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(hyperband(10, 1, "")).post("/api/studies/preview")
                .then().statusCode(400)
                .body("errors.field", hasItem("algorithm.factor"));
    }

    @Test
    void gridOverAContinuousParameterIsRefused() {
        given().contentType(ContentType.JSON).body("""
                {"name": "g", "objective": {"metric": "val_accuracy"}, "algorithm": {"type": "grid"},
                 "space": {"learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}""")
                .post("/api/studies/preview")
                .then().statusCode(400)
                .body("errors.field", hasItem("space"))
                .body("errors.message", hasItem(containsString("learning_rate is continuous")));
    }

    @Test
    void aBuilderOfOnesOwnListedInTheSettingPreviewsWithANote() {
        given().contentType(ContentType.JSON).body("""
                {"name": "own", "objective": {"metric": "val_accuracy"}, "model": {"builder": "test-builder"},
                 "space": {"depth": {"type": "int", "min": 1, "max": 4},
                           "learning_rate": {"type": "choice", "values": [0.01, 0.001]}}}""")
                .post("/api/studies/preview")
                .then().statusCode(200)
                .body("spec.model.builder", equalTo("test-builder"))
                .body("notes", hasItem(containsString("[depth] go to the builder unchecked")));
    }

    @Test
    void aBuilderOfOnesOwnNotInTheSettingIsRefusedNamingTheSetting() {
        given().contentType(ContentType.JSON).body("""
                {"name": "own", "objective": {"metric": "val_accuracy"}, "model": {"builder": "resnet"},
                 "space": {"depth": {"type": "int", "min": 1, "max": 4}}}""")
                .post("/api/studies/preview")
                .then().statusCode(400)
                .body("errors.field", hasItem("model.builder"))
                .body("errors.message", hasItem(containsString("hpo.study.custom-model-builders")));
    }
}

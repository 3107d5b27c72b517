package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /api/spaces/suggest}: a space the preview accepts, its reasons, and bad input named. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class SpaceResourceTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void suggestsAnMlpSpaceForFashionMnistWithItsReasons() {
        given().contentType(ContentType.JSON).body("{\"inputSize\": 784, \"outputSize\": 10, \"builder\": \"mlp\"}")
                .post("/api/spaces/suggest")
                .then().statusCode(200)
                .body("space.learning_rate.sampling", equalTo("log"))
                .body("space.beta_1.sampling", equalTo("log1m"))
                .body("space.beta_1.parentValues", equalTo(List.of("adam")))
                .body("space.units.min", lessThanOrEqualTo(533f))
                .body("space.units.max", greaterThanOrEqualTo(533f))
                .body("space.units", not(hasKey("values")))
                .body("reasons", hasKey("units"))
                .body("reasons.units", containsString("Heaton"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"inputSize\": 784, \"outputSize\": 10, \"builder\": \"mlp\"}",
        "{\"inputSize\": 784, \"outputSize\": 10, \"builder\": \"cnn\", \"samples\": 60000, \"dropout\": true}",
        "{\"inputSize\": 4, \"outputSize\": 3, \"samples\": 120}"})
    void theSuggestedSpaceIsAcceptedByThePreview(String request) throws Exception {
        String body = given().contentType(ContentType.JSON).body(request).post("/api/spaces/suggest")
                .then().statusCode(200).extract().asString();
        JsonNode suggested = json.readTree(body);
        ObjectNode spec = json.createObjectNode().put("name", "suggested");
        spec.putObject("objective").put("metric", "val_accuracy");
        spec.putObject("model").put("builder", json.readTree(request).path("builder").asText("mlp"));
        spec.set("space", suggested.get("space"));
        spec.putObject("refine").put("trials", 10);

        given().contentType(ContentType.JSON).body(json.writeValueAsString(spec)).post("/api/studies/preview")
                .then().statusCode(200)
                .body("trials", equalTo(20))
                .body("refine.fineTrials", equalTo(10))
                .body("notes", equalTo(List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing input size   | {\"outputSize\": 10}                                       | inputSize",
        "negative input size  | {\"inputSize\": -784, \"outputSize\": 10}                  | inputSize",
        "zero output size     | {\"inputSize\": 784, \"outputSize\": 0}                    | outputSize",
        "unknown builder      | {\"inputSize\": 784, \"outputSize\": 10, \"builder\": \"rnn\"} | builder",
        "size as text         | {\"inputSize\": \"784\", \"outputSize\": 10}               | inputSize",
        "unknown field        | {\"inputSize\": 784, \"outputSize\": 10, \"classes\": 10}   | classes",
        "empty body           | ' '                                                        | ''"})
    void badInputIsAProblemNamingTheField(String description, String request, String field) {
        given().contentType(ContentType.JSON).body(request).post("/api/spaces/suggest")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://hpo.dev/problems/invalid-request"))
                .body("errors.field", hasItem(field));
    }
}

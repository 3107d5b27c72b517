package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The schema users validate against is served, and every documented example passes the preview. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class SchemaResourceTest {

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("../docs/examples")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @Test
    void servesTheStudySchemaAsTheDocsPublishIt() throws IOException {
        String served = given().get("/api/schema/study.json")
                .then().statusCode(200)
                .contentType(containsString("json"))
                .body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"))
                .body("$defs.Algorithm.properties.type.enum", hasItem("hyperband"))
                .extract().asString();
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(Path.of("../docs/schema/study.json").toFile()),
                json.readTree(served));
    }

    @Test
    void theSchemaIsPartOfTheOpenApiDocument() {
        given().accept(ContentType.JSON).get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/schema/study.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsAcceptedByThePreview(Path example) throws IOException {
        given().contentType(ContentType.JSON).body(Files.readString(example)).post("/api/studies/preview")
                .then().statusCode(200)
                .body("trials", greaterThan(0));
    }
}

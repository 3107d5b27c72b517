package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Whatever users typed (names, values, reasons that quote them) reaches the page as text, never as markup. */
@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class EscapingTest {

    private static final String NAME = "<script>alert(1)</script>";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    private static String get(String path, Object... params) {
        return given().get(path, params).then().statusCode(200).extract().asString();
    }

    @Test
    void studyNameIsTextOnTheStudiesPage() {
        String html = get("/");
        assertFalse(html.contains(NAME));
        assertTrue(html.contains(">" + ESCAPED + "</a>"));
    }

    @Test
    void studyNameHyperparameterValuesAndNotesAreTextOnTheStudyPage() {
        String html = get("/studies/{id}", StubStudyService.ESCAPING_ID);
        assertFalse(html.contains(NAME));
        assertFalse(html.contains("<b>adam</b>"));
        assertFalse(html.contains("<em>note</em>"));
        assertFalse(html.contains("<i>data</i>"));
        assertFalse(html.contains("<u>runner</u>"));
        assertTrue(html.contains("<title>" + ESCAPED + " · hpo</title>"));
        assertTrue(html.contains("<td class=\"num\">&lt;b&gt;adam&lt;/b&gt;</td>"));
    }

    @Test
    void reasonsAndValuesAreTextOnTheTrialPage() {
        String html = get("/studies/{id}/trials/{trial}", StubStudyService.ESCAPING_ID, "x-0");
        assertFalse(html.contains(NAME));
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(3)&gt;"));
    }

    @Test
    void filterTextIsEchoedAsText() {
        String html = given().queryParam("name", "\"><script>x</script>").get("/").then().statusCode(200).extract()
                .asString();
        assertFalse(html.contains("<script>x</script>"));
        assertTrue(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
    }
}

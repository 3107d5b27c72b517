package dev.hpo.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Sorting and paging run on the server, over the 2,000-trial study. */
@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class LeaderboardPagingTest {

    private static final Pattern ROW = Pattern.compile("<tr class=\"[^\"]*\" data-trial-id=\"([^\"]+)\">(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    private static String page(String query) {
        return given().urlEncodingEnabled(false).get("/studies/" + StubStudyService.LARGE_ID + query).then().statusCode(200).extract()
                .asString();
    }

    /** The text of one column (0-based) in each row of the page. */
    private static List<String> column(String html, int index) {
        List<String> values = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher cell = CELL.matcher(row.group(2));
            for (int i = 0; i <= index && cell.find(); i++) {
                if (i == index) {
                    values.add(cell.group(1).replaceAll("<[^>]+>", "").trim());
                }
            }
        }
        return values;
    }

    @Test
    void showsFiftyRowsAPageInRankOrder() {
        String html = page("");
        List<String> ranks = column(html, 0);
        assertEquals(50, ranks.size());
        assertEquals("1", ranks.get(0));
        assertEquals("50", ranks.get(49));
        assertTrue(html.contains("Rows 1–50 of 2000 · page 1 of 40"), "position");
        assertTrue(html.contains("rel=\"next\" href=\"?sort=rank&amp;dir=asc&amp;page=2#leaderboard\""), "next");
    }

    @Test
    void pageParameterMovesThroughTheBoard() {
        String html = page("?page=3");
        List<String> ranks = column(html, 0);
        assertEquals("101", ranks.get(0));
        assertEquals("150", ranks.get(49));
        assertTrue(html.contains("rel=\"prev\""));
    }

    @Test
    void aPagePastTheEndShowsTheLast() {
        String html = page("?page=999");
        assertTrue(html.contains("Rows 1951–2000 of 2000 · page 40 of 40"));
        assertEquals(50, column(html, 0).size());
    }

    @Test
    void sortsByAHyperparameterDescending() {
        String html = page("?sort=p%3Aunits&dir=desc");
        List<String> units = column(html, 2);
        assertEquals(50, units.size());
        assertTrue(units.stream().allMatch("512"::equals), units.toString());
        assertTrue(html.contains("aria-sort=\"descending\" class=\"num\"><a href=\"?sort=p%3Aunits&amp;dir=asc"),
                "clicking the sorted column again reverses it");
    }

    @Test
    void sortsByTrialNumberAcrossPages() {
        List<String> numbers = column(page("?sort=trial&dir=asc&page=2"), 1);
        assertEquals("#50", numbers.get(0));
        assertEquals("#99", numbers.get(49));
    }

    @Test
    void sortsByObjectiveWorstFirstWhenAscending() {
        List<String> values = column(page("?sort=value&dir=asc"), 6);
        for (int i = 1; i < values.size(); i++) {
            assertTrue(Double.parseDouble(values.get(i - 1)) <= Double.parseDouble(values.get(i)), values.toString());
        }
    }

    @Test
    void sortsByStatusKeepingTheRankingWithinEach() {
        String html = page("?sort=status&dir=desc");
        assertEquals(List.of("RUNNING", "RUNNING", "RUNNING", "PRUNED"), column(html, 9).subList(0, 4));
        List<String> ranks = column(html, 0).subList(3, 50);
        for (int i = 1; i < ranks.size(); i++) {
            assertTrue(Integer.parseInt(ranks.get(i - 1)) < Integer.parseInt(ranks.get(i)), ranks.toString());
        }
    }

    @Test
    void anUnknownSortFallsBackToTheRanking() {
        given().get("/studies/" + StubStudyService.LARGE_ID + "?sort=nonsense&page=x").then().statusCode(200)
                .body(containsString("Rows 1–50 of 2000"))
                .body(containsString("aria-sort=\"ascending\" class=\"num\"><a href=\"?sort=rank&amp;dir=desc"));
    }

    @Test
    void rendersTheLargeStudyPageQuickly() {
        page("?sort=p%3Adropout&dir=asc&page=7"); // warm up
        int runs = 5;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            page("?sort=p%3Adropout&dir=asc&page=" + (i + 1));
        }
        long millis = (System.nanoTime() - start) / 1_000_000 / runs;
        System.out.println("study page of 2000 trials, sorted by a hyperparameter: " + millis + " ms per request");
        assertTrue(millis < 3_000, millis + " ms");
    }
}

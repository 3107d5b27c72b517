package dev.hpo.study.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A client follows a study live through /api/studies/{id}/events while a runner works through its trials. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class StudyEventStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/api/studies")
    URL studies;

    @Test
    void streamsTheStudysEventsUntilItCompletes() throws Exception {
        // the feed reads hpo.study-events from the latest offset once it holds the partition, which in an application
        // just started (this class the first of its profile) can come after the stream says it is ready
        KafkaTestClient.awaitAssigned("study-service-feed-", "hpo.study-events", TIMEOUT);
        String studyId = given().contentType(ContentType.JSON).body(Specs.random("live", 3, 1, 2))
                .post("/api/studies").then().statusCode(201).extract().path("id");
        List<String> events = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(studies + "/" + studyId
                + "/events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> readEventNames(response.body(), events));
        reader.setDaemon(true);
        reader.start();
        Poll.until("the ready event", TIMEOUT, () -> events, e -> e.contains("ready"));

        SimulatedRunner runner = new SimulatedRunner(studyId,
                (params, epoch) -> ((Number) params.get("units")).doubleValue() / 1000 * epoch / 2);
        Poll.until("the study to complete", TIMEOUT, () -> {
            runner.answerNewRequests();
            return events;
        }, e -> e.contains("StudyCompleted"));

        assertTrue(events.contains("TrialChanged"), events.toString());
        assertEquals(6, events.stream().filter("EpochReported"::equals).count(), events.toString());
        response.body().close();

        JsonPath study = given().get("/api/studies/{id}", studyId).then().statusCode(200).extract().jsonPath();
        assertEquals("COMPLETED", study.getString("status"));
        assertEquals(6, study.getInt("epochsTrained"));
        assertEquals(6, study.getInt("plan.totalEpochs"));
    }

    @Test
    void anUnknownStudysStreamIsOneErrorEvent() throws Exception {
        String unknown = "00000000-0000-0000-0000-000000000000";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(studies + "/" + unknown + "/events")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertTrue(response.body().contains("event:error"), response.body());
        assertTrue(response.body().contains("404") && response.body().contains(unknown), response.body());
    }

    private static void readEventNames(InputStream body, List<String> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    events.add(line.substring("event:".length()).strip());
                }
            }
        } catch (IOException e) {
            // the test closed the stream
        }
    }
}

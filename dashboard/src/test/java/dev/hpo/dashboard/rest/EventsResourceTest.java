package dev.hpo.dashboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.StubStudyService;
import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Study events published to the real test broker reach browsers as server-sent events, read here with a plain
 * HTTP client as a browser's EventSource would.
 */
@QuarkusTest
@QuarkusTestResource(StubStudyService.class)
@QuarkusTestResource(HpoTestInfrastructure.class)
class EventsResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** The lines of an open event stream, read by a background thread. */
    private static final class EventStream implements AutoCloseable {

        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        final Thread reader;
        final HttpResponse<Stream<String>> response;

        EventStream(URI uri) throws Exception {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for an {@code event:} line with this name and returns the {@code data:} line after it. */
        String awaitEvent(String name, Duration timeout, Runnable whileWaiting) throws InterruptedException {
            return awaitEvent(name, data -> true, timeout, whileWaiting);
        }

        /**
         * Waits for an {@code event:} line with this name whose {@code data:} line matches, and returns that data;
         * events of the name whose data does not match are passed over.
         */
        String awaitEvent(String name, Predicate<String> match, Duration timeout, Runnable whileWaiting)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean named = false;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                }
                if (line == null) {
                    whileWaiting.run();
                } else if (line.replace(" ", "").equals("event:" + name)) {
                    named = true;
                } else if (named && line.startsWith("data:")) {
                    String data = line.substring("data:".length()).trim();
                    if (match.test(data)) {
                        return data;
                    }
                    named = false;
                } else if (line.startsWith("event:")) {
                    named = false;
                }
            }
            return null;
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    private static String event(String studyId, String kind, String trialId, Integer epoch) {
        return "{\"kind\": \"" + kind + "\", \"studyId\": \"" + studyId + "\", \"trialId\": "
                + (trialId == null ? "null" : "\"" + trialId + "\"") + ", \"epoch\": " + epoch + ", \"at\": \""
                + Instant.now() + "\"}";
    }

    private void publish(String studyId, String kind, String trialId, Integer epoch) {
        publishInOrder(new ProducerRecord<>(Topics.STUDY_EVENTS, studyId, event(studyId, kind, trialId, epoch)));
    }

    /**
     * Sends the records with one producer, each acknowledged before the next is sent: {@code hpo.study-events} has
     * one partition, so the dashboard's consumer reads them in this order, back to back.
     */
    @SafeVarargs
    private void publishInOrder(ProducerRecord<String, String>... records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing a study event failed", e);
        }
    }

    @Test
    void studyStreamDeliversAnEpochReportedForItsStudyOnly() throws Exception {
        try (EventStream stream = new EventStream(base.toURI().resolve("studies/" + StubStudyService.STUDY_ID + "/events"))) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertNotNull(stream.awaitEvent("ready", PATIENCE, () -> { }), "no ready event");
            // the dashboard's consumer starts at the latest offset once it has its partition: publish until it has
            assertNotNull(stream.awaitEvent("EpochReported", d -> d.contains("\"trialId\":\"t-a\""), PATIENCE,
                    () -> publish(StubStudyService.STUDY_ID, "EpochReported", "t-a", 1)),
                    "no EpochReported event within " + PATIENCE);
            // positioned now: another study's event, then one of this study, both read by the dashboard in order
            publishInOrder(
                    new ProducerRecord<>(Topics.STUDY_EVENTS, StubStudyService.HYPERBAND_ID,
                            event(StubStudyService.HYPERBAND_ID, "EpochReported", "h-9", 9)),
                    new ProducerRecord<>(Topics.STUDY_EVENTS, StubStudyService.STUDY_ID,
                            event(StubStudyService.STUDY_ID, "EpochReported", "t-d", 3)));
            String data = stream.awaitEvent("EpochReported", d -> d.contains("\"trialId\":\"t-d\""), PATIENCE,
                    () -> { });
            assertNotNull(data, "no EpochReported event of trial t-d within " + PATIENCE);
            assertTrue(data.contains("\"studyId\":\"" + StubStudyService.STUDY_ID + "\""), data);
            assertTrue(data.contains("\"epoch\":3"), data);
            assertTrue(stream.seen.stream().noneMatch(line -> line.contains(StubStudyService.HYPERBAND_ID)),
                    "another study's event was delivered: " + stream.seen);
        }
    }

    @Test
    void everyStudysStreamDeliversEventsOfAnyStudy() throws Exception {
        try (EventStream stream = new EventStream(base.toURI().resolve("events"))) {
            assertNotNull(stream.awaitEvent("ready", PATIENCE, () -> { }), "no ready event");
            String data = stream.awaitEvent("TrialChanged", PATIENCE,
                    () -> publish(StubStudyService.HYPERBAND_ID, "TrialChanged", "h-1", null));
            assertNotNull(data, "no TrialChanged event within " + PATIENCE);
            assertTrue(data.contains(StubStudyService.HYPERBAND_ID), data);
        }
    }

    @Test
    void aMessageThatIsNoStudyEventIsSkippedAndTheStreamGoesOn() throws Exception {
        try (EventStream stream = new EventStream(base.toURI().resolve("events"))) {
            assertNotNull(stream.awaitEvent("ready", PATIENCE, () -> { }), "no ready event");
            // the dashboard's consumer starts at the latest offset once it has its partition: publish until it has
            assertNotNull(stream.awaitEvent("TrialChanged", d -> d.contains("\"trialId\":\"t-b\""), PATIENCE,
                    () -> publish(StubStudyService.STUDY_ID, "TrialChanged", "t-b", null)),
                    "no TrialChanged event within " + PATIENCE);
            // positioned now: a bad message, then a good one, both read by the dashboard in order
            publishInOrder(new ProducerRecord<>(Topics.STUDY_EVENTS, "x", "not json"),
                    new ProducerRecord<>(Topics.STUDY_EVENTS, StubStudyService.STUDY_ID,
                            event(StubStudyService.STUDY_ID, "StudyCompleted", null, null)));
            String data = stream.awaitEvent("StudyCompleted", PATIENCE, () -> { });
            assertNotNull(data, "the channel stopped after a bad message");
            assertTrue(data.contains("\"studyId\":\"" + StubStudyService.STUDY_ID + "\""), data);
            assertTrue(stream.seen.stream().noneMatch(line -> line.contains("not json")),
                    "the bad message was delivered: " + stream.seen);
        }
    }
}

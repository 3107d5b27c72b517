package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import dev.hpo.study.support.SimulatedRunner;
import dev.hpo.study.support.Specs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Studies submitted by any Kafka producer, and their outcome back on hpo.study-results. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class StudySubmissionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void submissionIsAcceptedOnceAndItsResultArrivesWhenTheStudyCompletes() throws Exception {
        String submissionId = "pipeline-" + UUID.randomUUID();
        String submission = withId(Specs.random("from-kafka", 2, 1, 2), submissionId);
        KafkaTestClient.send("hpo.study-submissions", submissionId, submission);
        KafkaTestClient.send("hpo.study-submissions", submissionId, submission); // a retrying producer

        List<JsonNode> accepted = results(submissionId, 2, "Accepted");
        String studyId = accepted.get(0).path("studyId").asText();
        assertEquals(studyId, accepted.get(1).path("studyId").asText(), "the same submission, the same study");
        assertEquals(1, (int) given().get("/api/studies").then().extract().jsonPath()
                .getList("findAll { it.name == 'from-kafka' && it.id == '" + studyId + "' }").size());

        SimulatedRunner runner = new SimulatedRunner(studyId,
                (params, epoch) -> ((Number) params.get("units")).doubleValue() / 1000 + epoch / 100.0);
        Poll.until("study to complete", TIMEOUT, () -> {
            runner.answerNewRequests();
            return given().get("/api/studies/{id}", studyId).then().extract().<String>path("status");
        }, "COMPLETED"::equals);

        JsonNode completed = results(submissionId, 1, "Completed").get(0);
        assertEquals(studyId, completed.path("studyId").asText());
        assertEquals(2, completed.path("trials").asInt());
        assertEquals(4, completed.path("epochs").asInt());
        assertTrue(completed.path("bestHyperparameters").has("units"), completed.toString());
        assertEquals("val_accuracy", completed.path("metric").asText());
    }

    @Test
    void invalidSubmissionIsRejectedWithItsReasonsAndParkedOnTheDeadLetterTopic() throws Exception {
        String submissionId = "bad-" + UUID.randomUUID();
        KafkaTestClient.send("hpo.study-submissions", submissionId,
                withId(Specs.random("invalid", 0, 1, 2), submissionId));

        JsonNode rejected = results(submissionId, 1, "Rejected").get(0);
        assertEquals("maxTrials", rejected.path("errors").get(0).path("field").asText(), rejected.toString());
        List<ConsumerRecord<String, String>> parked = KafkaTestClient.await("hpo.study-submissions.dlq",
                r -> r.value().contains(submissionId), 1, TIMEOUT);
        assertEquals(1, parked.size());
        assertTrue(new String(parked.get(0).headers().lastHeader("dead-letter-reason").value()).contains("maxTrials"));
    }

    @Test
    void submissionWithoutAnIdIsParked() {
        String marker = "no-id-" + UUID.randomUUID();
        KafkaTestClient.send("hpo.study-submissions", null, Specs.random(marker, 1, 1, 1));
        assertEquals(1, KafkaTestClient.await("hpo.study-submissions.dlq", r -> r.value().contains(marker), 1,
                TIMEOUT).size());
    }

    private String withId(String spec, String submissionId) {
        return "{\"submissionId\": \"" + submissionId + "\", " + spec.strip().substring(1);
    }

    private List<JsonNode> results(String submissionId, int count, String type) {
        return KafkaTestClient.await("hpo.study-results", r -> submissionId.equals(r.key())
                && r.value().contains("\"type\":\"" + type + "\""), count, TIMEOUT).stream().map(r -> {
                    try {
                        return json.readTree(r.value());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }
}

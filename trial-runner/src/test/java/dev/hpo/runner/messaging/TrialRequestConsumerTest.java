package dev.hpo.runner.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.Topics;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The runner as other services see it: requests in on Kafka, events out on Kafka, against a real broker. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class TrialRequestConsumerTest {

    private static final String DEAD_LETTERS = Topics.TRIAL_REQUESTS + Topics.DLQ_SUFFIX;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void createDeadLetterTopic() {
        HpoTestInfrastructure.get().kafka().createTopics(Map.of(DEAD_LETTERS, 1));
    }

    @Test
    void trainedTrialIsReportedInOrderKeyedByTrialId() throws Exception {
        String trialId = submit();

        List<ConsumerRecord<String, String>> records = eventsUntilTheEndOf(trialId);

        List<TrialEvent> events = records.stream().map(this::event).toList();
        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "Checkpointed", "Completed"),
                types(events), events.toString());
        assertTrue(records.stream().allMatch(r -> trialId.equals(r.key())), "every record keyed by the trial id");
        assertValidationAccuracyOfEpoch(1, events.get(1));
        assertValidationAccuracyOfEpoch(2, events.get(2));
        assertEquals("study-runner-test/" + trialId + "/epoch-0002.ckpt",
                assertInstanceOf(TrialEvent.Checkpointed.class, events.get(3)).checkpoint());
        assertEquals(2, assertInstanceOf(TrialEvent.Completed.class, events.get(4)).epochs());
    }

    @Test
    void twoStepTrialResumesFromTheCheckpointOfItsFirstStep() throws Exception {
        String trialId = "trial-" + UUID.randomUUID();
        try (TrialEventStream events = TrialEventStream.open(json, trialId)) {
            send(request(trialId, 0, 2, null));
            List<TrialEvent> first = events.untilTheEnd();
            TrialEvent.Checkpointed afterTwo = first.stream().filter(TrialEvent.Checkpointed.class::isInstance)
                    .map(TrialEvent.Checkpointed.class::cast).findFirst()
                    .orElseThrow(() -> new AssertionError("no Checkpointed in " + first));

            send(request(trialId, 2, 4, afterTwo.checkpoint()));
            List<TrialEvent> second = events.untilTheEnd();

            assertEquals(2, afterTwo.epoch());
            assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "Checkpointed", "Completed"),
                    types(second), second.toString());
            assertValidationAccuracyOfEpoch(3, second.get(1));
            assertValidationAccuracyOfEpoch(4, second.get(2));
            TrialEvent.Checkpointed afterFour = assertInstanceOf(TrialEvent.Checkpointed.class, second.get(3));
            assertEquals(4, afterFour.epoch());
            assertEquals("study-runner-test/" + trialId + "/epoch-0004.ckpt", afterFour.checkpoint());
            assertEquals(4, assertInstanceOf(TrialEvent.Completed.class, second.get(4)).epochs());
        }
    }

    @Test
    void heartbeatsComeWhileTheTrialTrainsAndStopAtItsEnd() throws Exception {
        String trialId = "trial-" + UUID.randomUUID();
        try (TrialEventStream events = TrialEventStream.withHeartbeats(json, trialId)) {
            // 5,000 images an epoch keep the trial training for a second or more, several heartbeat intervals;
            // on 1,000 images eight epochs could end within one interval.
            send(request(trialId, 0, 8, null, 5_000));

            List<TrialEvent> all = events.untilTheEnd();
            List<TrialEvent> afterTheEnd = events.during(Duration.ofSeconds(1));

            assertInstanceOf(TrialEvent.Started.class, all.get(0), all.toString());
            assertInstanceOf(TrialEvent.Completed.class, all.get(all.size() - 1), all.toString());
            List<TrialEvent> heartbeats = all.stream().filter(TrialEvent.Heartbeat.class::isInstance).toList();
            long epochs = all.stream().filter(TrialEvent.EpochCompleted.class::isInstance).count();
            assertEquals(8, epochs, all.toString());
            assertTrue(heartbeats.size() >= 2, "at an interval of 200 ms: " + all);
            assertTrue(heartbeats.stream().allMatch(new TrialEvent.Heartbeat(trialId, 1,
                    heartbeats.get(0).runnerId())::equals), heartbeats.toString());
            assertEquals(List.of(), afterTheEnd, "no heartbeat after the trial's end");
        }
    }

    @Test
    void malformedRequestGoesToDeadLetterTopicAndTheNextRequestStillTrains() throws Exception {
        String malformed = "{not json " + UUID.randomUUID();
        TestKafka.send(Topics.TRIAL_REQUESTS, null, malformed);
        String trialId = submit();

        List<ConsumerRecord<String, String>> deadLetters = TestKafka.readUntil(DEAD_LETTERS,
                r -> malformed.equals(r.value()), r -> true);
        List<ConsumerRecord<String, String>> records = eventsUntilTheEndOf(trialId);

        assertEquals(1, deadLetters.size());
        assertInstanceOf(TrialEvent.Completed.class, event(records.get(records.size() - 1)));
    }

    private String submit() throws Exception {
        String trialId = "trial-" + UUID.randomUUID();
        send(request(trialId, 0, 2, null));
        return trialId;
    }

    private static TrialRequest request(String trialId, int initialEpoch, int targetEpoch, String checkpoint) {
        return request(trialId, initialEpoch, targetEpoch, checkpoint, 1_000);
    }

    private static TrialRequest request(String trialId, int initialEpoch, int targetEpoch, String checkpoint,
            int trainLimit) {
        return new TrialRequest(trialId, 1, "study-runner-test", Map.of("units", 32), null,
                new DatasetSpec("fashion-mnist", trainLimit), initialEpoch, targetEpoch, checkpoint, 42L);
    }

    private void send(TrialRequest request) throws Exception {
        TestKafka.send(Topics.TRIAL_REQUESTS, request.trialId(), json.writeValueAsString(request));
    }

    private static List<String> types(List<TrialEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    /** The trial's events up to its end, heartbeats left out. */
    private List<ConsumerRecord<String, String>> eventsUntilTheEndOf(String trialId) {
        return TestKafka.readUntil(Topics.TRIAL_EVENTS,
                r -> (trialId.equals(r.key()) || r.value().contains(trialId))
                        && !(event(r) instanceof TrialEvent.Heartbeat),
                r -> event(r) instanceof TrialEvent.Completed || event(r) instanceof TrialEvent.Failed);
    }

    private TrialEvent event(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), TrialEvent.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a trial event: " + record.value(), e);
        }
    }

    private static void assertValidationAccuracyOfEpoch(int epoch, TrialEvent event) {
        TrialEvent.EpochCompleted completed = assertInstanceOf(TrialEvent.EpochCompleted.class, event);
        assertEquals(epoch, completed.epoch());
        double valAccuracy = completed.metrics().get("val_accuracy");
        assertTrue(valAccuracy > 0 && valAccuracy <= 1, "val_accuracy " + valAccuracy);
    }
}

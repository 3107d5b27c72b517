package dev.hpo.runner.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.Topics;
import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.config.RunnerBeans;
import dev.hpo.runner.config.RunnerConfig;
import dev.hpo.runner.training.StopRequests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Stop requests as study-service sends them, on hpo.trial-control, against a real broker. */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class TrialControlConsumerTest {

    private static final int TARGET_EPOCH = 50;
    /**
     * Training images per trial: enough that an epoch takes most of a second (0.85 s measured), so the stop, sent
     * through the broker once the first epoch is reported, has well over 10 s to arrive before half the target.
     */
    private static final int TRAIN_SAMPLES = 50_000;

    @Inject
    ObjectMapper json;

    @Inject
    StopRequests stops;

    @Inject
    RunnerConfig config;

    @Test
    void stopDuringTrainingEndsTheTrialWithStoppedLongBeforeItsTarget() throws Exception {
        String trialId = "trial-" + UUID.randomUUID();
        try (TrialEventStream events = TrialEventStream.open(json, trialId)) {
            submit(trialId, TARGET_EPOCH);
            List<TrialEvent> all = new ArrayList<>(events.until(TrialEvent.EpochCompleted.class::isInstance));

            stop(trialId, 1, "pruned by the test");
            all.addAll(events.untilTheEnd());

            TrialEvent.Stopped stopped = assertInstanceOf(TrialEvent.Stopped.class, all.get(all.size() - 1),
                    all.toString());
            long epochs = all.stream().filter(TrialEvent.EpochCompleted.class::isInstance).count();
            assertEquals(epochs, stopped.epochs(), "Stopped counts the epochs reported");
            assertTrue(stopped.epochs() < TARGET_EPOCH / 2, "stopped after epoch " + stopped.epochs());
            assertEquals("pruned by the test", stopped.reason());
            assertTrue(all.stream().noneMatch(e -> e instanceof TrialEvent.Completed
                    || e instanceof TrialEvent.Checkpointed), all.toString());
        }
    }

    @Test
    void unreadableControlRecordsAreSkippedAndLaterStopsStillWork() throws Exception {
        TestKafka.send(Topics.TRIAL_CONTROL, null, "{not json");
        TestKafka.send(Topics.TRIAL_CONTROL, null, "{\"type\":\"Launch\",\"trialId\":\"x\",\"attempt\":1}");
        String trialId = "trial-" + UUID.randomUUID();
        stop(trialId, 1, "cancelled before it started");

        awaitStopHeard(trialId, 1);

        try (TrialEventStream events = TrialEventStream.open(json, trialId)) {
            submit(trialId, TARGET_EPOCH);

            List<TrialEvent> all = events.untilTheEnd();
            assertEquals(1, all.size(), all.toString());
            TrialEvent.Stopped stopped = assertInstanceOf(TrialEvent.Stopped.class, all.get(0));
            assertEquals(0, stopped.epochs(), "initialEpoch");
            assertEquals("cancelled before it started", stopped.reason());
        }
    }

    @Test
    void readsTheControlTopicInAConsumerGroupOfItsOwnProcess() throws Exception {
        String expected = TrialControlConsumer.groupId(RunnerBeans.runnerId(config));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                HpoTestInfrastructure.get().kafka().bootstrapServers()))) {
            long deadline = System.nanoTime() + TestKafka.WAIT.toNanos();
            List<String> groups = groups(admin);
            while (!groups.contains(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                groups = groups(admin);
            }

            assertTrue(groups.contains(expected), expected + " among " + groups);
            assertTrue(expected.startsWith("hpo-trial-control-") && expected.length() > "hpo-trial-control-".length());
        }
    }

    private static List<String> groups(Admin admin) throws Exception {
        return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream().map(GroupListing::groupId).toList();
    }

    private void awaitStopHeard(String trialId, int attempt) throws InterruptedException {
        long deadline = System.nanoTime() + TestKafka.WAIT.toNanos();
        while (stops.reason(trialId, attempt).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the runner did not read the stop of " + trialId + " within "
                        + TestKafka.WAIT);
            }
            Thread.sleep(50);
        }
    }

    private void submit(String trialId, int targetEpoch) throws Exception {
        TrialRequest request = new TrialRequest(trialId, 1, "study-control-test", Map.of("units", 32), null,
                new DatasetSpec("fashion-mnist", TRAIN_SAMPLES), 0, targetEpoch, null, 7L);
        TestKafka.send(Topics.TRIAL_REQUESTS, trialId, json.writeValueAsString(request));
    }

    private void stop(String trialId, int attempt, String reason) throws Exception {
        TestKafka.send(Topics.TRIAL_CONTROL, trialId, json.writerFor(TrialControl.class)
                .writeValueAsString(new TrialControl.Stop(trialId, attempt, reason)));
    }
}

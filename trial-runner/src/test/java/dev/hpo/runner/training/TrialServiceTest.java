package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetCatalog;

class TrialServiceTest {

    @TempDir
    Path checkpointDir;

    private final List<TrialEvent> events = new ArrayList<>();
    private final StopRequests stops = new StopRequests();
    private TrialService service;

    private TrialService service() {
        if (service == null) {
            service = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                    new FileCheckpointStore(checkpointDir), stops, events::add, quietHeartbeats(), "runner-test",
                    OptionalInt.of(300));
        }
        return service;
    }

    @Test
    void reportsStartedEachEpochCheckpointedAndCompletedInOrder() {
        RealFashionMnist.load();

        service().run(request(0, 2, null));

        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "Checkpointed", "Completed"), types());
        assertEquals(2, assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(2)).epoch());
        TrialEvent.Checkpointed checkpointed = assertInstanceOf(TrialEvent.Checkpointed.class, events.get(3));
        assertEquals(2, checkpointed.epoch());
        assertEquals("s-1/t-1/epoch-0002.ckpt", checkpointed.checkpoint());
        assertTrue(Files.isRegularFile(checkpointDir.resolve("s-1/t-1/epoch-0002.ckpt")));
        assertEquals(2, assertInstanceOf(TrialEvent.Completed.class, events.get(4)).epochs());
        assertTrue(events.stream().allMatch(e -> e.trialId().equals("t-1") && e.runnerId().equals("runner-test")));
    }

    @Test
    void resumedTrialNumbersItsEpochsFromTheCheckpointAndSavesANewOne() {
        RealFashionMnist.load();
        service().run(request(0, 2, null));
        String checkpoint = assertInstanceOf(TrialEvent.Checkpointed.class, events.get(3)).checkpoint();
        events.clear();

        service().run(request(2, 4, checkpoint));

        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "Checkpointed", "Completed"), types());
        assertEquals(List.of(3, 4), events.stream().filter(TrialEvent.EpochCompleted.class::isInstance)
                .map(e -> ((TrialEvent.EpochCompleted) e).epoch()).toList());
        TrialEvent.Checkpointed checkpointed = assertInstanceOf(TrialEvent.Checkpointed.class, events.get(3));
        assertEquals(new TrialEvent.Checkpointed("t-1", 1, "runner-test", 4, "s-1/t-1/epoch-0004.ckpt"),
                checkpointed);
        assertEquals(4, assertInstanceOf(TrialEvent.Completed.class, events.get(4)).epochs());
    }

    @Test
    void missingCheckpointFailsWithoutStartingNamingTheDirectory() {
        service().run(request(2, 4, "s-1/t-1/epoch-0002.ckpt"));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().startsWith("cannot resume from checkpoint 's-1/t-1/epoch-0002.ckpt': checkpoint"
                + " 's-1/t-1/epoch-0002.ckpt' not found in directory " + checkpointDir), reason());
    }

    @Test
    void unreadableCheckpointFailsSayingWhy() throws IOException {
        Files.createDirectories(checkpointDir.resolve("s-1/t-1"));
        Files.writeString(checkpointDir.resolve("s-1/t-1/epoch-0002.ckpt"), "half a file");

        service().run(request(2, 4, "s-1/t-1/epoch-0002.ckpt"));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("not a checkpoint"), reason());
    }

    @Test
    void checkpointOfAnotherEpochFailsNamingBoth() {
        RealFashionMnist.load();
        service().run(request(0, 2, null));
        events.clear();

        service().run(request(3, 5, "s-1/t-1/epoch-0002.ckpt"));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("holds the state after epoch 2, but the request resumes after epoch 3"),
                reason());
    }

    @Test
    void unsafeCheckpointReferenceFailsWithoutTouchingTheFileSystem() {
        service().run(request(2, 4, "../../etc/passwd"));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("must not contain '..'"), reason());
    }

    @Test
    void aStopThatArrivedBeforeTheRequestSkipsIt() {
        stops.request("t-1", 1, "pruned");

        service().run(request(2, 4, "s-1/t-1/epoch-0002.ckpt"));

        assertEquals(List.of(new TrialEvent.Stopped("t-1", 1, "runner-test", 2, "pruned")), events);
    }

    @Test
    void aStopOfAnotherAttemptDoesNotSkipTheRequest() {
        RealFashionMnist.load();
        stops.request("t-1", 2, "pruned");

        service().run(request(0, 1, null));

        assertEquals("Completed", types().get(types().size() - 1));
    }

    @Test
    void withACheckpointEveryEpochEachReportNamesTheCheckpointSavedBeforeIt() {
        RealFashionMnist.load();
        TrialService everyEpoch = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                new FileCheckpointStore(checkpointDir), stops, events::add, quietHeartbeats(), "runner-test",
                OptionalInt.of(300), true);

        everyEpoch.run(request(0, 3, null));

        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "EpochCompleted", "Checkpointed",
                "Completed"), types());
        assertEquals("s-1/t-1/epoch-0001.ckpt",
                assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(1)).checkpoint());
        assertEquals("s-1/t-1/epoch-0002.ckpt",
                assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(2)).checkpoint());
        assertEquals(null, assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(3)).checkpoint());
        assertTrue(Files.isRegularFile(checkpointDir.resolve("s-1/t-1/epoch-0002.ckpt")));
    }

    /**
     * The stop is requested while epoch 2 is reported, which happens while epoch 3 trains, so the trial stops within
     * epoch 3 or, when epoch 3 was already done, in a later one: Stopped names the last epoch reported.
     */
    @Test
    void aStopDuringTrainingEndsWithStoppedInsteadOfCompleted() {
        RealFashionMnist.load();
        TrialService stopping = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                new FileCheckpointStore(checkpointDir), stops, event -> {
                    events.add(event);
                    if (event instanceof TrialEvent.EpochCompleted completed && completed.epoch() == 2) {
                        stops.request("t-1", 1, "pruned after epoch 2");
                    }
                }, quietHeartbeats(), "runner-test", OptionalInt.of(300));

        stopping.run(request(0, 10, null));

        List<String> types = types();
        int reported = types.size() - 2;
        assertTrue(reported >= 2 && reported < 10, types.toString());
        assertEquals("Started", types.get(0));
        assertTrue(types.subList(1, 1 + reported).stream().allMatch("EpochCompleted"::equals), types.toString());
        assertEquals(new TrialEvent.Stopped("t-1", 1, "runner-test", reported, "pruned after epoch 2"),
                events.get(events.size() - 1));
    }

    @Test
    void epochReportsAreSentOffTheTrainingThreadAndInOrder() {
        RealFashionMnist.load();
        List<String> threads = new ArrayList<>();
        TrialService everyEpoch = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                new FileCheckpointStore(checkpointDir), stops, event -> {
                    events.add(event);
                    threads.add(Thread.currentThread().getName());
                }, quietHeartbeats(), "runner-test", OptionalInt.of(300), true);

        everyEpoch.run(request(0, 4, null));

        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "EpochCompleted", "EpochCompleted",
                "Checkpointed", "Completed"), types());
        assertEquals(List.of(1, 2, 3, 4), events.stream().filter(TrialEvent.EpochCompleted.class::isInstance)
                .map(e -> ((TrialEvent.EpochCompleted) e).epoch()).toList());
        String caller = Thread.currentThread().getName();
        assertEquals(List.of(caller, "epoch-reports-t-1", "epoch-reports-t-1", "epoch-reports-t-1",
                "epoch-reports-t-1", caller, caller), threads);
    }

    @Test
    void aCheckpointThatCannotBeSavedAfterAnEpochFailsTheTrialWithoutReportingTheEpoch() {
        RealFashionMnist.load();
        FileCheckpointStore files = new FileCheckpointStore(checkpointDir);
        CheckpointStore failingAtEpochTwo = new ForwardingCheckpointStore(files) {
            @Override
            public void write(String reference, Content content) throws IOException {
                if (reference.endsWith("epoch-0002.ckpt")) {
                    throw new IOException("disk full");
                }
                super.write(reference, content);
            }
        };
        TrialService everyEpoch = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                failingAtEpochTwo, stops, events::add, quietHeartbeats(), "runner-test", OptionalInt.of(300), true);

        everyEpoch.run(request(0, 5, null));

        assertEquals(List.of("Started", "EpochCompleted", "Failed"), types());
        assertEquals("s-1/t-1/epoch-0001.ckpt",
                assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(1)).checkpoint());
        assertTrue(reason().contains("cannot save checkpoint 's-1/t-1/epoch-0002.ckpt'") && reason().contains(
                "disk full"), reason());
    }

    @Test
    void unknownDatasetFailsWithoutStarting() {
        service().run(new TrialRequest("t-1", 1, "s-1", Map.of(), null, new DatasetSpec("imagenet", null), 0, 2,
                null, 3L));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("unknown dataset 'imagenet'"), reason());
    }

    @Test
    void unknownModelBuilderFailsWithoutStarting() {
        service().run(new TrialRequest("t-1", 1, "s-1", Map.of(), new ModelSpec("resnet"),
                DatasetSpec.FASHION_MNIST, 0, 2, null, 3L));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("unknown model builder 'resnet'"), reason());
    }

    @Test
    void badHyperparameterValueFailsNamingIt() {
        service().run(new TrialRequest("t-1", 1, "s-1", Map.of("units", 0), null, DatasetSpec.FASHION_MNIST, 0, 2,
                null, 3L));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("units must be >= 1, was 0"), reason());
    }

    /** No heartbeat within any test here: the event lists stay exact. */
    private Heartbeats quietHeartbeats() {
        return new Heartbeats(events::add, "runner-test", Duration.ofHours(1));
    }

    private static TrialRequest request(int initialEpoch, int targetEpoch, String checkpoint) {
        return new TrialRequest("t-1", 1, "s-1", Map.of("units", 32), null, DatasetSpec.FASHION_MNIST, initialEpoch,
                targetEpoch, checkpoint, 3L);
    }

    private List<String> types() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private String reason() {
        return assertInstanceOf(TrialEvent.Failed.class, events.get(events.size() - 1)).reason();
    }
}

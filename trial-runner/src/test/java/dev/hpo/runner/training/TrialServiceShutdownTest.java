package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetCatalog;

/** What a runner does on SIGTERM ({@link TrialService#drain}): hand its trial back with a checkpoint, take no more. */
class TrialServiceShutdownTest {

    @TempDir
    Path checkpointDir;

    private final List<TrialEvent> events = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> drains = new ArrayList<>();
    private TrialService currentService;

    @Test
    void drainEndsTheTrialAfterItsEpochWithACheckpointThenStopped() throws Exception {
        RealFashionMnist.load();
        TrialService service = service(event -> {
            if (event instanceof TrialEvent.EpochCompleted completed && completed.epoch() == 1) {
                drainInBackground(Duration.ofSeconds(60));
            }
        });

        service.run(request(0, 20, null));

        List<TrialEvent> trained = List.copyOf(events);
        int epochs = trained.size() - 3;
        assertTrue(epochs >= 1 && epochs < 20, trained.toString());
        assertEquals("Started", trained.get(0).getClass().getSimpleName());
        assertTrue(trained.subList(1, 1 + epochs).stream().allMatch(TrialEvent.EpochCompleted.class::isInstance));
        assertEquals(new TrialEvent.Checkpointed("t-1", 1, "runner-test", epochs,
                "s-1/t-1/epoch-" + String.format("%04d", epochs) + ".ckpt"), trained.get(1 + epochs));
        assertEquals(new TrialEvent.Stopped("t-1", 1, "runner-test", epochs, TrialService.SHUTTING_DOWN),
                trained.get(2 + epochs));
        assertTrue(Files.isRegularFile(checkpointDir.resolve("s-1/t-1/epoch-" + String.format("%04d", epochs)
                + ".ckpt")));
        drains.get(0).get(30, TimeUnit.SECONDS);
    }

    @Test
    void requestsArrivingWhileDrainingAreHandedBackUntrained() {
        TrialService service = service(event -> { });
        service.drain(Duration.ofSeconds(1));

        service.run(request(4, 6, "s-1/t-1/epoch-0004.ckpt"));

        assertEquals(List.of(new TrialEvent.Stopped("t-1", 1, "runner-test", 4, TrialService.SHUTTING_DOWN)),
                events);
    }

    @Test
    void theHandedBackTrialResumesFromItsCheckpointOnAnotherRunner() throws Exception {
        RealFashionMnist.load();
        service(event -> {
            if (event instanceof TrialEvent.EpochCompleted completed && completed.epoch() == 1) {
                drainInBackground(Duration.ofSeconds(60));
            }
        }).run(request(0, 20, null));
        TrialEvent.Checkpointed checkpointed = events.stream().filter(TrialEvent.Checkpointed.class::isInstance)
                .map(TrialEvent.Checkpointed.class::cast).findFirst().orElseThrow();
        events.clear();

        service(event -> { }).run(request(checkpointed.epoch(), checkpointed.epoch() + 1, checkpointed.checkpoint()));

        assertEquals(List.of("Started", "EpochCompleted", "Checkpointed", "Completed"),
                events.stream().map(e -> e.getClass().getSimpleName()).toList());
        assertEquals(checkpointed.epoch() + 1, assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(1))
                .epoch());
    }

    @Test
    void anEpochThatOutlastsTheTimeoutEndsWithoutACheckpoint() throws Exception {
        RealFashionMnist.load();
        TrialService service = service(event -> {
            if (event instanceof TrialEvent.Started) {
                // the drain times out while this trial has not trained a batch yet
                drainInBackground(Duration.ofMillis(1));
                sleep(500);
            }
        });

        service.run(request(0, 20, null));

        assertEquals(List.of("Started", "Stopped"), events.stream().map(e -> e.getClass().getSimpleName()).toList());
        assertEquals(new TrialEvent.Stopped("t-1", 1, "runner-test", 0, TrialService.SHUTTING_DOWN), events.get(1));
        drains.get(0).get(30, TimeUnit.SECONDS);
    }

    private void drainInBackground(Duration timeout) {
        // the drain waits for the training, which runs on the caller's thread
        drains.add(CompletableFuture.runAsync(() -> currentService.drain(timeout)));
    }

    private TrialService service(TrialEventSink hook) {
        currentService = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                new FileCheckpointStore(checkpointDir), new StopRequests(), event -> {
                    events.add(event);
                    hook.publish(event);
                }, new Heartbeats(event -> { }, "runner-test", Duration.ofHours(1)), "runner-test",
                OptionalInt.of(300));
        return currentService;
    }

    private static TrialRequest request(int initialEpoch, int targetEpoch, String checkpoint) {
        return new TrialRequest("t-1", 1, "s-1", Map.of("units", 32), null, DatasetSpec.FASHION_MNIST, initialEpoch,
                targetEpoch, checkpoint, 3L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

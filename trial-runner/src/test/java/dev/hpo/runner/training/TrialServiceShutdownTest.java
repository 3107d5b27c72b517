package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetCatalog;

/** What a runner does on SIGTERM ({@link TrialService#drain}): hand its trial back with a checkpoint, take no more. */
class TrialServiceShutdownTest {

    /** Far more epochs than a drained trial trains (it stops after epoch 1 or 2): ending early is the drain's doing. */
    private static final int TARGET_EPOCH = 200;
    /** How long a test waits for the drain to reach the state it waits on. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path checkpointDir;

    private final List<TrialEvent> events = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> drains = new CopyOnWriteArrayList<>();
    private TrialService currentService;

    @Test
    void drainEndsTheTrialAfterItsEpochWithACheckpointThenStopped() throws Exception {
        RealFashionMnist.load();
        TrialService service = service(event -> {
            if (event instanceof TrialEvent.EpochCompleted completed && completed.epoch() == 1) {
                awaitWaitingForTraining(drainInBackground(Duration.ofSeconds(60)));
            }
        });

        service.run(request(0, TARGET_EPOCH, null));

        List<TrialEvent> trained = List.copyOf(events);
        int epochs = trained.size() - 3;
        assertTrue(epochs >= 1 && epochs < TARGET_EPOCH, trained.toString());
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
                awaitWaitingForTraining(drainInBackground(Duration.ofSeconds(60)));
            }
        }).run(request(0, TARGET_EPOCH, null));
        TrialEvent.Checkpointed checkpointed = events.stream().filter(TrialEvent.Checkpointed.class::isInstance)
                .map(TrialEvent.Checkpointed.class::cast).findFirst().orElseThrow();
        // handed back by the drain, not completed: the checkpoint is of an epoch before the target
        assertTrue(checkpointed.epoch() < TARGET_EPOCH, events.toString());
        assertEquals(new TrialEvent.Stopped("t-1", 1, "runner-test", checkpointed.epoch(), TrialService.SHUTTING_DOWN),
                events.get(events.size() - 1));
        drains.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
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
        CountDownLatch gaveUpOnTheEpoch = new CountDownLatch(1);
        Logger log = Logger.getLogger(TrialService.class.getName());
        Handler warning = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("stopping without a checkpoint")) {
                    gaveUpOnTheEpoch.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TrialService service = service(event -> {
            if (event instanceof TrialEvent.Started) {
                // the drain times out while this trial has not trained a batch yet: once it has said so, its next
                // wait is the one after it told the training to stop
                Thread drain = drainInBackground(Duration.ofMillis(1));
                awaitUntil(() -> gaveUpOnTheEpoch.getCount() == 0, "the drain to give up on the epoch");
                awaitWaitingForTraining(drain);
            }
        });

        log.addHandler(warning);
        try {
            service.run(request(0, TARGET_EPOCH, null));
        } finally {
            log.removeHandler(warning);
        }

        assertEquals(List.of("Started", "Stopped"), events.stream().map(e -> e.getClass().getSimpleName()).toList());
        assertEquals(new TrialEvent.Stopped("t-1", 1, "runner-test", 0, TrialService.SHUTTING_DOWN), events.get(1));
        drains.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Calls {@link TrialService#drain} on a thread of its own, as the shutdown hook does; the training runs on the
     * test's thread. {@link #drains} holds when it returns.
     */
    private Thread drainInBackground(Duration timeout) {
        CompletableFuture<Void> returned = new CompletableFuture<>();
        TrialService service = currentService;
        Thread drain = new Thread(() -> {
            try {
                service.drain(timeout);
                returned.complete(null);
            } catch (Throwable e) {
                returned.completeExceptionally(e);
            }
        }, "test-drain");
        drain.setDaemon(true);
        drains.add(returned);
        drain.start();
        return drain;
    }

    /**
     * Returns once {@code drain} waits, with a timeout, for the training to end: by then it has set what ends the
     * trial (a drain waits only after that, and the trial cannot end while the caller, an event of the trial,
     * holds it up).
     */
    private static void awaitWaitingForTraining(Thread drain) {
        awaitUntil(() -> {
            Thread.State state = drain.getState();
            if (state == Thread.State.TERMINATED) {
                throw new AssertionError("the drain returned while the trial was still training");
            }
            return state == Thread.State.TIMED_WAITING;
        }, "the drain to wait for the training");
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            sleep(1);
        }
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

package dev.hpo.runner.training;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.data.DatasetUnavailableException;
import dev.hpo.runner.model.ModelBuilder;
import dev.hpo.runner.model.ModelBuilders;

/**
 * Runs one trial request to its end and reports it: {@code Started}, one {@code EpochCompleted} per epoch, then
 * {@code Checkpointed} and {@code Completed}; or {@code Stopped} when study-service asked for it; or
 * {@code Failed} with a reason a user can act on. A request that cannot even start (unknown dataset or model builder,
 * a hyperparameter value the trainer or the builder refuses, a model that does not suit the data, missing files, a
 * checkpoint that is missing, unreadable, of another epoch or of other hyperparameters) is reported as
 * {@code Failed} without {@code Started}; a request whose stop arrived before it was picked up only as
 * {@code Stopped} with {@code epochs = initialEpoch}. Failures of the trial never escape, so the caller can go on
 * with the next request.
 * <p>
 * The checkpoint is saved only after the target epoch, which keeps epochs fast, under
 * {@code <studyId>/<trialId>/epoch-NNNN.ckpt} in the shared {@link CheckpointStore}. Each epoch's report (and, when
 * every epoch is checkpointed, its checkpoint) is sent by {@link EpochReports} while the next epoch trains; the
 * events after the last epoch wait until it is sent.
 * <p>
 * While a trial trains, {@link Heartbeats} report it every interval. {@link #drain(Duration)} (on shutdown) lets the
 * current epoch finish, saves its checkpoint and reports {@code Checkpointed} then {@code Stopped} with
 * {@link #SHUTTING_DOWN}, so study-service can resume the trial elsewhere; requests that arrive afterwards are
 * answered with that {@code Stopped} alone.
 */
public final class TrialService {

    /** The reason of the {@code Stopped} event of a trial that this runner gives back because it shuts down. */
    public static final String SHUTTING_DOWN = "runner shutting down";

    private static final Logger LOG = Logger.getLogger(TrialService.class);
    /** How long a drain whose epoch did not finish in time waits for training to stop between two batches. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final DatasetCatalog datasets;
    private final ModelBuilders builders;
    private final ModelTrainer trainer;
    private final CheckpointStore checkpoints;
    private final StopRequests stops;
    private final TrialEventSink events;
    private final Heartbeats heartbeats;
    private final String runnerId;
    private final OptionalInt maxTrainSamples;
    private final boolean checkpointEveryEpoch;
    private final Object lock = new Object();
    private boolean training;
    private volatile boolean draining;
    private volatile boolean abandoning;

    /**
     * @param heartbeats      sends heartbeats while a trial trains
     * @param runnerId        names this runner in every event
     * @param maxTrainSamples caps the training samples of every trial, whatever the request asks
     */
    public TrialService(DatasetCatalog datasets, ModelBuilders builders, ModelTrainer trainer,
            CheckpointStore checkpoints, StopRequests stops, TrialEventSink events, Heartbeats heartbeats,
            String runnerId, OptionalInt maxTrainSamples) {
        this(datasets, builders, trainer, checkpoints, stops, events, heartbeats, runnerId, maxTrainSamples, false);
    }

    /** @param checkpointEveryEpoch save and report a checkpoint before reporting each epoch, not only the last */
    public TrialService(DatasetCatalog datasets, ModelBuilders builders, ModelTrainer trainer,
            CheckpointStore checkpoints, StopRequests stops, TrialEventSink events, Heartbeats heartbeats,
            String runnerId, OptionalInt maxTrainSamples, boolean checkpointEveryEpoch) {
        this.checkpointEveryEpoch = checkpointEveryEpoch;
        this.datasets = datasets;
        this.builders = builders;
        this.trainer = trainer;
        this.checkpoints = checkpoints;
        this.stops = stops;
        this.events = events;
        this.heartbeats = heartbeats;
        this.runnerId = runnerId;
        this.maxTrainSamples = maxTrainSamples;
    }

    /** @throws EventPublishingException when the events cannot be delivered; nothing else escapes */
    public void run(TrialRequest request) {
        Optional<String> stoppedEarly = stops.reason(request.trialId(), request.attempt());
        if (stoppedEarly.isPresent()) {
            LOG.infof("trial %s attempt %d: skipped, stop requested before it started (%s)", request.trialId(),
                    request.attempt(), stoppedEarly.get());
            publishStopped(request, request.initialEpoch(), stoppedEarly.get());
            return;
        }
        if (!startTraining()) {
            LOG.infof("trial %s attempt %d: not started, the runner is shutting down", request.trialId(),
                    request.attempt());
            publishStopped(request, request.initialEpoch(), SHUTTING_DOWN);
            return;
        }
        try {
            train(request);
        } finally {
            endTraining();
        }
    }

    /**
     * Stops taking trials and ends the one being trained after its current epoch: its checkpoint is saved and
     * reported ({@code Checkpointed}), then {@code Stopped} with {@link #SHUTTING_DOWN}. If the epoch does not end
     * within {@code timeout}, training stops between two batches without a checkpoint (still {@code Stopped}, with
     * the epochs completed; study-service resumes from the trial's last checkpoint). Returns when the trial has
     * ended, or after {@code timeout} and a short grace if it has not.
     */
    public void drain(Duration timeout) {
        draining = true;
        if (!awaitIdle(timeout)) {
            LOG.warnf("the current epoch did not finish within %s of the shutdown; stopping without a checkpoint",
                    timeout);
            abandoning = true;
            if (!awaitIdle(STOP_GRACE)) {
                LOG.warnf("training did not stop within %s more; shutting down anyway", STOP_GRACE);
            }
        }
    }

    private boolean startTraining() {
        synchronized (lock) {
            if (draining) {
                return false;
            }
            training = true;
            return true;
        }
    }

    private void endTraining() {
        synchronized (lock) {
            training = false;
            lock.notifyAll();
        }
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (training) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return !training;
                }
            }
            return true;
        }
    }

    private void train(TrialRequest request) {
        TrainingRun run;
        try {
            run = plan(request);
        } catch (RuntimeException e) {
            fail(request, e);
            return;
        }
        LOG.infof("trial %s attempt %d: training epochs %d..%d%s", request.trialId(), request.attempt(),
                request.initialEpoch() + 1, request.targetEpoch(),
                request.checkpoint() == null ? "" : " from checkpoint " + request.checkpoint());
        events.publish(new TrialEvent.Started(request.trialId(), request.attempt(), runnerId, trainer.device()));
        if (request.rangeTest() != null) {
            runRangeTest(request, run);
            return;
        }
        TrainingOutcome outcome;
        try (Heartbeats.Beat beat = heartbeats.start(request.trialId(), request.attempt());
                EpochReports reports = new EpochReports("epoch-reports-" + request.trialId())) {
            AtomicReference<Map<String, Double>> lastMetrics = new AtomicReference<>(Map.of());
            try {
                outcome = trainer.train(run, new EpochListener() {
                    private TrainingCheckpoint toSave;

                    @Override
                    public void epochCompleted(int epoch, Map<String, Double> metrics, double seconds) {
                        TrainingCheckpoint checkpoint = toSave;
                        toSave = null;
                        lastMetrics.set(metrics);
                        reports.submit(() -> {
                            String saved = checkpoint == null ? null : save(request, checkpoint);
                            events.publish(new TrialEvent.EpochCompleted(request.trialId(), request.attempt(),
                                    runnerId, epoch, metrics, seconds, saved));
                        });
                    }

                    /** Saved before the epoch is reported, and named in its report: both arrive, or neither. */
                    @Override
                    public void epochCheckpoint(TrainingCheckpoint checkpoint) {
                        toSave = checkpoint;
                    }
                }, signalFor(request));
            } catch (RuntimeException e) {
                awaitAfterFailure(reports, e);
                throw e;
            }
            reports.await();
            if (outcome instanceof TrainingOutcome.Completed completed) {
                String reference = save(request, completed.checkpoint());
                saveModelArchive(request, run, reference, completed, lastMetrics.get());
                events.publish(new TrialEvent.Checkpointed(request.trialId(), request.attempt(), runnerId,
                        completed.epochs(), reference));
            } else if (outcome instanceof TrainingOutcome.Suspended suspended) {
                checkpointed(request, suspended.checkpoint());
            }
        } catch (EventPublishingException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(request, e);
            return;
        }
        if (outcome instanceof TrainingOutcome.Stopped stopped) {
            LOG.infof("trial %s attempt %d: stopped after epoch %d (%s)", request.trialId(), request.attempt(),
                    stopped.epochs(), stopped.reason());
            publishStopped(request, stopped.epochs(), stopped.reason());
            return;
        }
        if (outcome instanceof TrainingOutcome.Suspended suspended) {
            LOG.infof("trial %s attempt %d: suspended after epoch %d (%s)", request.trialId(), request.attempt(),
                    suspended.epochs(), suspended.reason());
            publishStopped(request, suspended.epochs(), suspended.reason());
            return;
        }
        events.publish(new TrialEvent.Completed(request.trialId(), request.attempt(), runnerId,
                request.targetEpoch()));
        LOG.infof("trial %s attempt %d: completed epoch %d", request.trialId(), request.attempt(),
                request.targetEpoch());
    }

    /**
     * A learning-rate range test: each step reported as an epoch, then {@code Completed}; nothing to checkpoint, as
     * a test that is interrupted is simply run again.
     */
    private void runRangeTest(TrialRequest request, TrainingRun run) {
        boolean finished;
        try (Heartbeats.Beat beat = heartbeats.start(request.trialId(), request.attempt())) {
            finished = trainer.rangeTest(run, request.rangeTest(), (step, metrics, seconds) -> events.publish(
                    new TrialEvent.EpochCompleted(request.trialId(), request.attempt(), runnerId, step, metrics,
                            seconds)), signalFor(request));
        } catch (EventPublishingException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(request, e);
            return;
        }
        if (!finished) {
            publishStopped(request, 0, "range test interrupted; it starts again from its first step");
            return;
        }
        events.publish(new TrialEvent.Completed(request.trialId(), request.attempt(), runnerId,
                request.targetEpoch()));
        LOG.infof("trial %s attempt %d: range test of %d steps done", request.trialId(), request.attempt(),
                request.rangeTest().steps());
    }

    /** The reports of the epochs before a failure are still sent; the failure is what the trial ends with. */
    private static void awaitAfterFailure(EpochReports reports, RuntimeException failure) {
        try {
            reports.await();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Stops requested by study-service, and the runner's own shutdown. */
    private StopSignal signalFor(TrialRequest request) {
        StopSignal requested = stops.signalFor(request.trialId(), request.attempt());
        return new StopSignal() {
            @Override
            public Optional<String> stopReason() {
                Optional<String> reason = requested.stopReason();
                return reason.isPresent() || !abandoning ? reason : Optional.of(SHUTTING_DOWN);
            }

            @Override
            public Optional<String> suspendReason() {
                return draining ? Optional.of(SHUTTING_DOWN) : Optional.empty();
            }
        };
    }

    private void checkpointed(TrialRequest request, TrainingCheckpoint checkpoint) {
        String reference = save(request, checkpoint);
        events.publish(new TrialEvent.Checkpointed(request.trialId(), request.attempt(), runnerId,
                checkpoint.epoch(), reference));
    }

    /**
     * Everything that can be checked before training, so that a bad request fails without {@code Started}: the
     * builder, the hyperparameters, the checkpoint, the dataset, and the builder's network for this data (built
     * once here and thrown away: the trainer builds its own after seeding the engine).
     */
    private TrainingRun plan(TrialRequest request) {
        ModelBuilder builder = builders.get(request.model().builder());
        TrialHyperparameters hyperparameters = TrialHyperparameters.of(builder, request.params());
        TrainingCheckpoint resumeFrom = request.checkpoint() == null ? null : load(request, hyperparameters);
        DatasetSplits data = datasets.get(request.dataset());
        DatasetSplits limited = data.firstTraining(trainLimit(request, data));
        if (resumeFrom != null && (resumeFrom.seed() != request.seed()
                || resumeFrom.trainSamples() != limited.train().size())) {
            LOG.warnf("trial %s attempt %d: checkpoint %s was trained with seed %d on %d samples, this request has"
                    + " seed %d and %d samples; training goes on, but not as an uninterrupted run would have",
                    request.trialId(), request.attempt(), request.checkpoint(), resumeFrom.seed(),
                    resumeFrom.trainSamples(), request.seed(), limited.train().size());
        }
        TrainingRun run = new TrainingRun(builder, hyperparameters, limited, request.initialEpoch(),
                request.targetEpoch(), resumeFrom, request.seed(), checkpointEveryEpoch);
        run.buildModel();
        return run;
    }

    private TrainingCheckpoint load(TrialRequest request, TrialHyperparameters hyperparameters) {
        String reference = CheckpointReferences.validate(request.checkpoint());
        TrainingCheckpoint checkpoint;
        try (InputStream in = checkpoints.open(reference)) {
            checkpoint = CheckpointFormat.read(in.readAllBytes());
        } catch (IOException e) {
            throw new CheckpointUnavailableException("cannot resume from checkpoint '" + reference + "': "
                    + e.getMessage(), e);
        }
        if (checkpoint.epoch() != request.initialEpoch()) {
            throw new CheckpointUnavailableException("checkpoint '" + reference + "' holds the state after epoch "
                    + checkpoint.epoch() + ", but the request resumes after epoch " + request.initialEpoch()
                    + " (initialEpoch)", null);
        }
        if (!checkpoint.hyperparameters().builder().equals(hyperparameters.builder())) {
            throw new CheckpointUnavailableException("checkpoint '" + reference + "' was trained by model builder '"
                    + checkpoint.hyperparameters().builder() + "', the request asks for '" + hyperparameters.builder()
                    + "'", null);
        }
        if (!checkpoint.hyperparameters().equals(hyperparameters)) {
            throw new CheckpointUnavailableException("checkpoint '" + reference + "' was trained with "
                    + checkpoint.hyperparameters().toParams() + ", the request asks for " + hyperparameters.toParams(),
                    null);
        }
        return checkpoint;
    }

    /**
     * Saves the model archive beside the final checkpoint, before the checkpoint is reported. The training itself
     * succeeded, so a failure here only loses the download: it is logged, not reported as the trial's failure.
     */
    private void saveModelArchive(TrialRequest request, TrainingRun run, String checkpoint,
            TrainingOutcome.Completed completed, Map<String, Double> metrics) {
        String reference = CheckpointReferences.modelArchive(checkpoint);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("studyId", request.studyId());
        metadata.put("trialId", request.trialId());
        metadata.put("builder", run.builder().name());
        metadata.put("epoch", completed.epochs());
        metadata.put("hyperparameters", request.params());
        metadata.put("modelHyperparameters", run.hyperparameters().model());
        metadata.put("inputShape", run.input().shape().getShape());
        metadata.put("classes", run.input().classes());
        metadata.put("dataset", request.dataset());
        metadata.put("metrics", metrics);
        metadata.put("parameters", ModelArchive.parametersFile(run.builder().name(), completed.epochs()));
        try {
            checkpoints.write(reference, out -> ModelArchive.write(out, run.builder().name(), completed.epochs(),
                    completed.djlParameters(), metadata));
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "trial %s attempt %d: could not save the model archive %s in %s", request.trialId(),
                    request.attempt(), reference, checkpoints.location());
        }
    }

    private String save(TrialRequest request, TrainingCheckpoint checkpoint) {
        String reference = CheckpointReferences.afterEpoch(request.studyId(), request.trialId(), checkpoint.epoch());
        long start = System.nanoTime();
        try {
            checkpoints.write(reference, out -> CheckpointFormat.write(checkpoint, out));
        } catch (IOException e) {
            throw new CheckpointUnavailableException("cannot save checkpoint '" + reference + "' in "
                    + checkpoints.location() + ": " + e.getMessage(), e);
        }
        LOG.infof("trial %s attempt %d: saved checkpoint %s in %.1f ms", request.trialId(), request.attempt(),
                reference, (System.nanoTime() - start) / 1e6);
        return reference;
    }

    private int trainLimit(TrialRequest request, DatasetSplits data) {
        int limit = data.train().size();
        if (request.dataset().trainLimit() != null) {
            limit = Math.min(limit, request.dataset().trainLimit());
        }
        if (maxTrainSamples.isPresent()) {
            limit = Math.min(limit, maxTrainSamples.getAsInt());
        }
        return limit;
    }

    private void publishStopped(TrialRequest request, int epochs, String reason) {
        events.publish(new TrialEvent.Stopped(request.trialId(), request.attempt(), runnerId, epochs, reason));
    }

    private void fail(TrialRequest request, RuntimeException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (isExplainedByItsMessage(cause)) {
            LOG.warnf("trial %s attempt %d failed: %s", request.trialId(), request.attempt(), reason);
        } else {
            LOG.errorf(cause, "trial %s attempt %d failed: %s", request.trialId(), request.attempt(), reason);
        }
        events.publish(new TrialEvent.Failed(request.trialId(), request.attempt(), runnerId, reason));
    }

    /** A bad request, a missing dataset or checkpoint needs no stack trace in the log; anything else is a bug. */
    private static boolean isExplainedByItsMessage(RuntimeException cause) {
        return cause instanceof IllegalArgumentException || cause instanceof DatasetUnavailableException
                || cause instanceof CheckpointUnavailableException;
    }
}

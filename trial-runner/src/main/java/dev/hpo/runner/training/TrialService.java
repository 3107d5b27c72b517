package dev.hpo.runner.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.checkpoint.CheckpointReferences;
import dev.hpo.runner.checkpoint.CheckpointStore;
import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.data.DatasetUnavailableException;

/**
 * Runs one trial request to its end and reports it: {@code Started}, one {@code EpochCompleted} per epoch, then
 * {@code Checkpointed} and {@code Completed}; or {@code Stopped} when study-service asked for it; or
 * {@code Failed} with a reason a user can act on. A request that cannot even start (unknown dataset or model, bad
 * hyperparameter value, missing files, a checkpoint that is missing, unreadable or of another epoch) is reported as
 * {@code Failed} without {@code Started}; a request whose stop arrived before it was picked up only as
 * {@code Stopped} with {@code epochs = initialEpoch}. Failures of the trial never escape, so the caller can go on
 * with the next request.
 * <p>
 * The checkpoint is saved only after the target epoch, which keeps epochs fast, under
 * {@code <studyId>/<trialId>/epoch-NNNN.ckpt} in the shared {@link CheckpointStore}.
 */
public final class TrialService {

    private static final Logger LOG = Logger.getLogger(TrialService.class);
    private static final Set<String> MODEL_BUILDERS = Set.of(ModelSpec.MLP.builder());

    private final DatasetCatalog datasets;
    private final MlpTrainer trainer;
    private final CheckpointStore checkpoints;
    private final StopRequests stops;
    private final TrialEventSink events;
    private final String runnerId;
    private final OptionalInt maxTrainSamples;

    /**
     * @param runnerId        names this runner in every event
     * @param maxTrainSamples caps the training samples of every trial, whatever the request asks
     */
    public TrialService(DatasetCatalog datasets, MlpTrainer trainer, CheckpointStore checkpoints, StopRequests stops,
            TrialEventSink events, String runnerId, OptionalInt maxTrainSamples) {
        this.datasets = datasets;
        this.trainer = trainer;
        this.checkpoints = checkpoints;
        this.stops = stops;
        this.events = events;
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
        TrainingOutcome outcome;
        try {
            outcome = trainer.train(run, (epoch, metrics, seconds) -> events.publish(new TrialEvent.EpochCompleted(
                    request.trialId(), request.attempt(), runnerId, epoch, metrics, seconds)),
                    stops.signalFor(request.trialId(), request.attempt()));
            if (outcome instanceof TrainingOutcome.Completed completed) {
                String reference = save(request, completed.checkpoint());
                events.publish(new TrialEvent.Checkpointed(request.trialId(), request.attempt(), runnerId,
                        completed.epochs(), reference));
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
        events.publish(new TrialEvent.Completed(request.trialId(), request.attempt(), runnerId,
                request.targetEpoch()));
        LOG.infof("trial %s attempt %d: completed epoch %d", request.trialId(), request.attempt(),
                request.targetEpoch());
    }

    private TrainingRun plan(TrialRequest request) {
        String builder = request.model().builder();
        if (!MODEL_BUILDERS.contains(builder)) {
            throw new IllegalArgumentException("unknown model builder '" + builder + "'; this runner knows "
                    + MODEL_BUILDERS);
        }
        MlpHyperparameters hyperparameters = MlpHyperparameters.from(request.params());
        TrainingCheckpoint resumeFrom = request.checkpoint() == null ? null : load(request, hyperparameters);
        DatasetSplits data = datasets.get(request.dataset().name());
        DatasetSplits limited = new DatasetSplits(data.train().first(trainLimit(request, data)), data.validation(),
                data.classes());
        if (resumeFrom != null && (resumeFrom.seed() != request.seed()
                || resumeFrom.trainSamples() != limited.train().size())) {
            LOG.warnf("trial %s attempt %d: checkpoint %s was trained with seed %d on %d samples, this request has"
                    + " seed %d and %d samples; training goes on, but not as an uninterrupted run would have",
                    request.trialId(), request.attempt(), request.checkpoint(), resumeFrom.seed(),
                    resumeFrom.trainSamples(), request.seed(), limited.train().size());
        }
        return new TrainingRun(hyperparameters, limited, request.initialEpoch(), request.targetEpoch(), resumeFrom,
                request.seed());
    }

    private TrainingCheckpoint load(TrialRequest request, MlpHyperparameters hyperparameters) {
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
        if (!checkpoint.hyperparameters().equals(hyperparameters)) {
            throw new CheckpointUnavailableException("checkpoint '" + reference + "' was trained with "
                    + checkpoint.hyperparameters() + ", the request asks for " + hyperparameters, null);
        }
        return checkpoint;
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

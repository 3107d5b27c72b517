package dev.hpo.runner.training;

import java.util.OptionalInt;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.data.DatasetUnavailableException;

/**
 * Runs one trial request to its end and reports it: {@code Started}, one {@code EpochCompleted} per epoch, then
 * {@code Completed}; or {@code Failed} with a reason a user can act on. A request that cannot even start (unknown
 * dataset or model, bad hyperparameter value, missing files) is reported as {@code Failed} without {@code Started}.
 * Failures of the trial never escape, so the caller can go on with the next request.
 */
public final class TrialService {

    private static final Logger LOG = Logger.getLogger(TrialService.class);
    private static final Set<String> MODEL_BUILDERS = Set.of(ModelSpec.MLP.builder());

    private final DatasetCatalog datasets;
    private final MlpTrainer trainer;
    private final TrialEventSink events;
    private final String runnerId;
    private final OptionalInt maxTrainSamples;

    /**
     * @param runnerId        names this runner in every event
     * @param maxTrainSamples caps the training samples of every trial, whatever the request asks
     */
    public TrialService(DatasetCatalog datasets, MlpTrainer trainer, TrialEventSink events, String runnerId,
            OptionalInt maxTrainSamples) {
        this.datasets = datasets;
        this.trainer = trainer;
        this.events = events;
        this.runnerId = runnerId;
        this.maxTrainSamples = maxTrainSamples;
    }

    /** @throws EventPublishingException when the events cannot be delivered; nothing else escapes */
    public void run(TrialRequest request) {
        TrainingRun run;
        try {
            run = plan(request);
        } catch (RuntimeException e) {
            fail(request, e);
            return;
        }
        LOG.infof("trial %s attempt %d: training epochs %d..%d", request.trialId(), request.attempt(),
                request.initialEpoch() + 1, request.targetEpoch());
        events.publish(new TrialEvent.Started(request.trialId(), request.attempt(), runnerId, trainer.device()));
        try {
            trainer.train(run, (epoch, metrics, seconds) -> events.publish(new TrialEvent.EpochCompleted(
                    request.trialId(), request.attempt(), runnerId, epoch, metrics, seconds)));
        } catch (EventPublishingException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(request, e);
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
        DatasetSplits data = datasets.get(request.dataset().name());
        DatasetSplits limited = new DatasetSplits(data.train().first(trainLimit(request, data)), data.validation(),
                data.classes());
        return new TrainingRun(hyperparameters, limited, request.initialEpoch(), request.targetEpoch(),
                request.checkpoint(), request.seed());
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

    private void fail(TrialRequest request, RuntimeException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (isExplainedByItsMessage(cause)) {
            LOG.warnf("trial %s attempt %d failed: %s", request.trialId(), request.attempt(), reason);
        } else {
            LOG.errorf(cause, "trial %s attempt %d failed: %s", request.trialId(), request.attempt(), reason);
        }
        events.publish(new TrialEvent.Failed(request.trialId(), request.attempt(), runnerId, reason));
    }

    /** A bad request or a missing dataset needs no stack trace in the log; anything else is a bug to look into. */
    private static boolean isExplainedByItsMessage(RuntimeException cause) {
        return cause instanceof IllegalArgumentException || cause instanceof UnsupportedOperationException
                || cause instanceof DatasetUnavailableException;
    }
}

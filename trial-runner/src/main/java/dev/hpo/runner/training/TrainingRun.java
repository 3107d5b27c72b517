package dev.hpo.runner.training;

import java.util.Objects;

import dev.hpo.runner.data.DatasetSplits;

/**
 * One training job for {@link MlpTrainer}: the budget is explicit, as in the trial request.
 *
 * @param hyperparameters what varies between trials
 * @param data            training and validation images
 * @param initialEpoch    epochs already trained; training starts with epoch {@code initialEpoch + 1}
 * @param targetEpoch     the last epoch to train
 * @param resumeFrom      the state after {@code initialEpoch} epochs, or {@code null} for fresh weights
 * @param seed            seed for the initial weights and the data order
 */
public record TrainingRun(TrainingHyperparameters hyperparameters, DatasetSplits data, int initialEpoch, int targetEpoch,
        TrainingCheckpoint resumeFrom, long seed, boolean checkpointEveryEpoch) {

    /** A run that checkpoints only at its target epoch. */
    public TrainingRun(TrainingHyperparameters hyperparameters, DatasetSplits data, int initialEpoch, int targetEpoch,
            TrainingCheckpoint resumeFrom, long seed) {
        this(hyperparameters, data, initialEpoch, targetEpoch, resumeFrom, seed, false);
    }

    public TrainingRun {
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(data, "data");
        if (initialEpoch < 0 || targetEpoch <= initialEpoch) {
            throw new IllegalArgumentException(
                    "need 0 <= initialEpoch < targetEpoch, was " + initialEpoch + " and " + targetEpoch);
        }
        if (resumeFrom != null && resumeFrom.epoch() != initialEpoch) {
            throw new IllegalArgumentException("the checkpoint holds the state after epoch " + resumeFrom.epoch()
                    + ", but training is to resume after epoch " + initialEpoch + " (initialEpoch)");
        }
        if (resumeFrom != null && resumeFrom.samplesIntoNextEpoch() != 0) {
            throw new IllegalArgumentException("the checkpoint was taken " + resumeFrom.samplesIntoNextEpoch()
                    + " samples into epoch " + (resumeFrom.epoch() + 1) + "; this runner resumes only at epoch ends");
        }
    }
}

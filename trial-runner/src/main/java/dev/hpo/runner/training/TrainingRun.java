package dev.hpo.runner.training;

import java.util.Objects;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.model.ModelBuilder;
import dev.hpo.runner.model.ModelInput;

/**
 * One training job for {@link ModelTrainer}: the budget is explicit, as in the trial request.
 *
 * @param builder              makes the network from {@code hyperparameters.model()}
 * @param hyperparameters      what varies between trials
 * @param data                 training and validation samples
 * @param initialEpoch         epochs already trained; training starts with epoch {@code initialEpoch + 1}
 * @param targetEpoch          the last epoch to train
 * @param resumeFrom           the state after {@code initialEpoch} epochs, or {@code null} for fresh weights
 * @param seed                 seed for the initial weights and the data order
 * @param checkpointEveryEpoch hand the listener a checkpoint after every epoch before the target
 */
public record TrainingRun(ModelBuilder builder, TrialHyperparameters hyperparameters, DatasetSplits data,
        int initialEpoch, int targetEpoch, TrainingCheckpoint resumeFrom, long seed, boolean checkpointEveryEpoch) {

    /** A run that checkpoints only at its target epoch. */
    public TrainingRun(ModelBuilder builder, TrialHyperparameters hyperparameters, DatasetSplits data,
            int initialEpoch, int targetEpoch, TrainingCheckpoint resumeFrom, long seed) {
        this(builder, hyperparameters, data, initialEpoch, targetEpoch, resumeFrom, seed, false);
    }

    public TrainingRun {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(data, "data");
        if (!builder.name().equals(hyperparameters.builder())) {
            throw new IllegalArgumentException("the hyperparameters are for model builder '"
                    + hyperparameters.builder() + "', not '" + builder.name() + "'");
        }
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

    /** What the builder builds for: the data's sample shape and classes. */
    public ModelInput input() {
        return new ModelInput(new Shape(data.shape().stream().mapToLong(Integer::longValue).toArray()),
                data.classes());
    }

    /** The trial's network, new and uninitialised. */
    public Block buildModel() {
        return builder.build(input(), hyperparameters.model());
    }
}

package dev.hpo.runner.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to continue a training exactly where it stopped, as plain Java data: the model parameters and
 * the optimiser state, both keyed by parameter name (names are stable across processes, DJL's parameter ids are
 * not), and the position in the data.
 * <p>
 * The data order of epoch {@code e} is a function of the seed and {@code e} alone, so the position is the number of
 * completed epochs plus the samples of the next epoch already trained; this runner only checkpoints at the end of
 * an epoch, where the latter is 0.
 *
 * @param epoch                epochs completed
 * @param samplesIntoNextEpoch samples of epoch {@code epoch + 1} already trained (0 at an epoch boundary)
 * @param seed                 the seed that chose the initial weights and the data order
 * @param trainSamples         training samples per epoch; the shuffle is a permutation of this many
 * @param hyperparameters      the trial's hyperparameters: model builder, its values, training hyperparameters
 * @param optimizer            the optimiser's state, including each parameter's update count (the position of the
 *                             learning-rate schedule)
 * @param parameters           model parameters by name, in the block's order
 */
public record TrainingCheckpoint(int epoch, long samplesIntoNextEpoch, long seed, int trainSamples,
        TrialHyperparameters hyperparameters, ResumableOptimizer.State optimizer,
        Map<String, FloatTensor> parameters) {

    public TrainingCheckpoint {
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(optimizer, "optimizer");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
        if (samplesIntoNextEpoch < 0) {
            throw new IllegalArgumentException("samplesIntoNextEpoch must be >= 0, was " + samplesIntoNextEpoch);
        }
        if (trainSamples < 1) {
            throw new IllegalArgumentException("trainSamples must be >= 1, was " + trainSamples);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}

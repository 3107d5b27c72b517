package dev.hpo.runner.training;

import java.util.List;

/**
 * The learning rate of each optimiser update, as a pure function of the training position, so that a resumed run
 * (which restores the update count from its checkpoint and knows its epoch) continues the schedule exactly.
 */
public sealed interface LearningRateSchedule {

    /**
     * @param step  optimiser updates applied before this one (0 for the first update, as Keras counts
     *              {@code optimizer.iterations})
     * @param epoch 1-based number of the epoch the update belongs to
     */
    double rate(long step, int epoch);

    /** The same rate throughout: {@code learning_rate}. */
    record Constant(double learningRate) implements LearningRateSchedule {

        @Override
        public double rate(long step, int epoch) {
            return learningRate;
        }
    }

    /**
     * Keras' {@code ExponentialDecay}: {@code learningRate * decayRate ^ (step / decaySteps)}, the exponent
     * floored when {@code staircase}.
     */
    record Exponential(double learningRate, int decaySteps, double decayRate, boolean staircase)
            implements LearningRateSchedule {

        @Override
        public double rate(long step, int epoch) {
            double exponent = (double) step / decaySteps;
            return learningRate * Math.pow(decayRate, staircase ? Math.floor(exponent) : exponent);
        }
    }

    /**
     * Piecewise constant by epoch ("annealing"): epochs {@code 1..boundaries[0]} train at {@code values[0]}, epochs
     * {@code boundaries[0]+1..boundaries[1]} at {@code values[1]}, and so on; after the last boundary,
     * {@code values[boundaries.size()]}. Like Keras' {@code PiecewiseConstantDecay} over the 0-based epoch index
     * with the boundaries shifted by one, i.e. what {@code if epoch < 10: return 1e-2} says in a Keras
     * {@code LearningRateScheduler}.
     *
     * @param boundaries epochs after which the rate changes, strictly ascending, each at least 1
     * @param values     one more than boundaries
     */
    record StepByEpoch(List<Integer> boundaries, List<Double> values) implements LearningRateSchedule {

        public StepByEpoch {
            boundaries = List.copyOf(boundaries);
            values = List.copyOf(values);
            if (values.size() != boundaries.size() + 1) {
                throw new IllegalArgumentException("need one more value than boundaries, got " + values.size()
                        + " values for " + boundaries.size() + " boundaries");
            }
        }

        @Override
        public double rate(long step, int epoch) {
            int index = 0;
            while (index < boundaries.size() && boundaries.get(index) < epoch) {
                index++;
            }
            return values.get(index);
        }
    }
}

package dev.hpo.protocol;

/**
 * A learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks", 2017; fastai's "LR
 * finder"): one short run in which the learning rate grows exponentially from {@code minLr} to {@code maxLr} over
 * {@code steps} optimiser updates. Each update is reported as an {@code EpochCompleted} numbered by the step, with
 * the metrics {@code learning_rate}, {@code loss} (of the batch) and {@code smoothed_loss}; once the loss has
 * exploded the runner stops training and reports the remaining steps with {@code learning_rate} and
 * {@code diverged} only.
 */
public record RangeTest(double minLr, double maxLr, int steps) {

    public RangeTest {
        if (!(minLr > 0) || !(maxLr > minLr) || Double.isInfinite(maxLr)) {
            throw new IllegalArgumentException("need 0 < minLr < maxLr, was " + minLr + " and " + maxLr);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2, was " + steps);
        }
    }

    /** The learning rate of update {@code step} (0-based): {@code minLr · (maxLr / minLr)^(step / (steps − 1))}. */
    public double learningRate(int step) {
        return minLr * Math.pow(maxLr / minLr, (double) step / (steps - 1));
    }
}

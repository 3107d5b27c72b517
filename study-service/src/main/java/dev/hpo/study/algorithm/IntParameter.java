package dev.hpo.study.algorithm;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An integer on the grid {@code min, min + step, ..., max}, as KerasTuner's {@code hp.Int}. With log sampling the
 * draw is log-uniform over [min, max] and then snapped to the nearest grid point.
 */
public record IntParameter(String name, int min, int max, int step, Sampling sampling) implements Parameter {

    public IntParameter {
        if (min > max) {
            throw new InvalidParameterException("min", "min (" + min + ") must not exceed max (" + max + ")");
        }
        if (step < 1) {
            throw new InvalidParameterException("step", "step must be >= 1, was " + step);
        }
        if ((max - min) % step != 0) {
            throw new InvalidParameterException("step",
                    "step " + step + " does not divide the range " + min + ".." + max + " (" + (max - min) + ")");
        }
        if (sampling == Sampling.LOG && min <= 0) {
            throw new InvalidParameterException("min", "log sampling needs min > 0, was " + min);
        }
    }

    public int gridSize() {
        return (max - min) / step + 1;
    }

    @Override
    public Object sample(RandomGenerator random) {
        if (sampling == Sampling.LOG) {
            double x = Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
            long k = Math.round((x - min) / step);
            return (int) Math.max(min, Math.min(max, min + k * step));
        }
        return min + random.nextInt(gridSize()) * step;
    }

    @Override
    public List<Object> boundaryValues() {
        return List.of(min, max);
    }
}

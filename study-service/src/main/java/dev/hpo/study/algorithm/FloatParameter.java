package dev.hpo.study.algorithm;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A real number in [min, max], as KerasTuner's {@code hp.Float}; with a step, values are snapped to
 * {@code min + k * step}.
 */
public record FloatParameter(String name, double min, double max, Double step, Sampling sampling)
        implements Parameter {

    public FloatParameter {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new InvalidParameterException("min", "min and max must be finite numbers");
        }
        if (min >= max) {
            throw new InvalidParameterException("min", "min (" + min + ") must be below max (" + max + ")");
        }
        if (step != null && (!(step > 0) || step > max - min)) {
            throw new InvalidParameterException("step", "step must be > 0 and at most max - min, was " + step);
        }
        if (sampling == Sampling.LOG && min <= 0) {
            throw new InvalidParameterException("min", "log sampling needs min > 0, was " + min);
        }
    }

    @Override
    public Object sample(RandomGenerator random) {
        double u = random.nextDouble();
        double x = sampling == Sampling.LOG
                ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
                : min + u * (max - min);
        if (step != null) {
            x = min + Math.round((x - min) / step) * step;
        }
        return Math.max(min, Math.min(max, x));
    }

    @Override
    public List<Object> boundaryValues() {
        return List.of(min, max);
    }
}

package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A real number in [min, max], as KerasTuner's {@code hp.Float}. With a step on a linear scale the values are
 * {@code min + k * step}; with a step on a log scale they are {@code min * step^k} (KerasTuner's meaning). With
 * {@code samples} instead, the range is that many points spread evenly on its scale, which is how grid search
 * covers a continuous range.
 *
 * @param step    {@code null} for none
 * @param samples {@code null} for a continuous range
 */
public record FloatParameter(String name, double min, double max, Double step, Sampling sampling, Integer samples)
        implements Parameter {

    public FloatParameter {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new InvalidParameterException("min", "min and max must be finite numbers");
        }
        if (min >= max) {
            throw new InvalidParameterException("min", "min (" + min + ") must be below max (" + max + ")");
        }
        sampling.checkRange(min, max);
        if (samples != null && (samples < 2 || step != null)) {
            throw new InvalidParameterException("samples", step != null ? "give a step or samples, not both"
                    : "samples must be >= 2, was " + samples);
        }
        if (step != null) {
            // the tolerance lets a one-step decimal range such as -3.5..-3.45 by 0.05 pass despite binary rounding
            if (sampling == Sampling.LINEAR && (!(step > 0) || step > (max - min) * (1 + 1e-9))) {
                throw new InvalidParameterException("step", "step must be > 0 and at most max - min, was " + step);
            }
            if (sampling == Sampling.LOG1M) {
                throw new InvalidParameterException("step", "log1m sampling takes no step");
            }
            if ((sampling == Sampling.LOG || sampling == Sampling.REVERSE_LOG) && !(step > 1)) {
                throw new InvalidParameterException("step",
                        "with " + sampling.label() + " sampling, step multiplies (min, min*step, ...) and must be > 1");
            }
        }
    }

    public FloatParameter(String name, double min, double max, Double step, Sampling sampling) {
        this(name, min, max, step, sampling, null);
    }

    @Override
    public Object sample(RandomGenerator random) {
        Optional<List<Object>> grid = finiteValues();
        if (grid.isPresent()) {
            List<Object> values = grid.get();
            return values.get(random.nextInt(values.size()));
        }
        return clamp(sampling.fromUnit(random.nextDouble(), min, max));
    }

    @Override
    public Optional<List<Object>> finiteValues() {
        if (samples != null) {
            return Optional.of(evenlySpaced(samples));
        }
        if (step == null) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        if (sampling == Sampling.LINEAR) {
            long n = (long) Math.floor((max - min) / step + 1e-9);
            if (n + 1 > IntParameter.ENUMERATION_LIMIT) {
                return Optional.empty();
            }
            for (long k = 0; k <= n; k++) {
                values.add(clamp(round(min + k * step)));
            }
        } else {
            if (Math.log(max / min) / Math.log(step) + 1 > IntParameter.ENUMERATION_LIMIT) {
                return Optional.empty();
            }
            for (double v = min; v <= max * (1 + 1e-12); v *= step) {
                values.add(clamp(round(sampling == Sampling.REVERSE_LOG ? max + min - v : v)));
            }
            values.sort(null);
        }
        return Optional.of(values);
    }

    /**
     * {@code samples} points spread evenly on this parameter's own scale, ends included: how grid search covers
     * a continuous range.
     */
    public List<Object> evenlySpaced(int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("need at least 2 samples, was " + samples);
        }
        List<Object> points = new ArrayList<>();
        points.add(min);
        for (int i = 1; i < samples - 1; i++) {
            points.add(clamp(round(sampling.fromUnit((double) i / (samples - 1), min, max))));
        }
        points.add(max);
        return points;
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            return false;
        }
        double x = n.doubleValue();
        return finiteValues().map(all -> all.stream().anyMatch(v -> Math.abs((Double) v - x)
                <= 1e-9 * Math.max(Math.abs(x), Math.abs((Double) v)))).orElse(true);
    }

    private double clamp(double x) {
        return Math.max(min, Math.min(max, x));
    }

    /** Removes the binary noise of {@code min + k * step} (0.30000000000000004 becomes 0.3). */
    private static double round(double x) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", x));
    }

    @Override
    public List<Object> boundaryValues() {
        return List.of(min, max);
    }
}

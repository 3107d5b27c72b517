package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An integer in [min, max], as KerasTuner's {@code hp.Int}. With linear sampling the values are the grid
 * {@code min, min + step, ..., max}; with log or reverse-log sampling and a step they are
 * {@code min, min * step, min * step^2, ...} up to max (KerasTuner's meaning of a step on a log scale), and
 * without a step the draw is continuous on that scale and rounded.
 *
 * @param step {@code null} for the default: 1 on a linear scale, none on a log scale
 */
public record IntParameter(String name, int min, int max, Integer step, Sampling sampling) implements Parameter {

    /** Finite value sets larger than this are treated as continuous by grid search and duplicate checks. */
    static final int ENUMERATION_LIMIT = 100_000;

    public IntParameter {
        if (min > max) {
            throw new InvalidParameterException("min", "min (" + min + ") must not exceed max (" + max + ")");
        }
        sampling.checkRange(min, max);
        if (sampling == Sampling.LOG1M) {
            throw new InvalidParameterException("sampling", "log1m sampling is for reals in [0, 1); use a float");
        }
        if (sampling == Sampling.LINEAR) {
            int s = step == null ? 1 : step;
            if (s < 1) {
                throw new InvalidParameterException("step", "step must be >= 1, was " + s);
            }
            if ((max - min) % s != 0) {
                throw new InvalidParameterException("step",
                        "step " + s + " does not divide the range " + min + ".." + max + " (" + (max - min) + ")");
            }
        } else if (step != null && step < 2) {
            throw new InvalidParameterException("step",
                    "with " + sampling.label() + " sampling, step multiplies (min, min*step, ...) and must be >= 2");
        }
    }

    public IntParameter(String name, int min, int max, int step) {
        this(name, min, max, step, Sampling.LINEAR);
    }

    @Override
    public Object sample(RandomGenerator random) {
        Optional<List<Object>> grid = grid();
        if (grid.isPresent()) {
            List<Object> values = grid.get();
            return values.get(random.nextInt(values.size()));
        }
        if (sampling == Sampling.LINEAR) {
            int s = step == null ? 1 : step;
            return (int) (min + s * random.nextLong(((long) max - min) / s + 1));
        }
        double x = sampling.fromUnit(random.nextDouble(), min, max);
        return (int) Math.max(min, Math.min(max, Math.round(x)));
    }

    @Override
    public Optional<List<Object>> finiteValues() {
        Optional<List<Object>> grid = grid();
        if (grid.isPresent() || (long) max - min >= ENUMERATION_LIMIT) {
            return grid;
        }
        List<Object> all = new ArrayList<>();
        for (int v = min; v <= max; v++) {
            all.add(v);
        }
        return Optional.of(all);
    }

    /** The values a step defines, or empty for a continuous draw. */
    private Optional<List<Object>> grid() {
        List<Object> values = new ArrayList<>();
        if (sampling == Sampling.LINEAR) {
            int s = step == null ? 1 : step;
            if (((long) max - min) / s + 1 > ENUMERATION_LIMIT) {
                return Optional.empty();
            }
            for (long v = min; v <= max; v += s) {
                values.add((int) v);
            }
            return Optional.of(values);
        }
        if (step == null) {
            return Optional.empty();
        }
        for (long v = min; v <= max; v *= step) {
            values.add(sampling == Sampling.REVERSE_LOG ? (int) (max + min - v) : (int) v);
        }
        values.sort(null);
        return Optional.of(values);
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Integer i) || i < min || i > max) {
            return false;
        }
        if (sampling == Sampling.LINEAR) {
            return ((long) i - min) % (step == null ? 1 : step) == 0;
        }
        return grid().map(values -> values.contains(i)).orElse(true);
    }

    @Override
    public List<Object> boundaryValues() {
        return List.of(min, max);
    }
}

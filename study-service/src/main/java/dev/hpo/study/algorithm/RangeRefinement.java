package dev.hpo.study.algorithm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coarse to fine: a search space narrowed around the configurations of the best trials of a coarse search.
 * <p>
 * A numeric parameter is narrowed on its own sampling scale (a decade on a log scale, 1 − x on {@code log1m}),
 * where its range is [0, 1]: from the lowest to the highest value the top trials used, widened by {@link #MARGIN}
 * of the original range on each side, and cut at the original bounds. A parameter with a grid of values (an int,
 * a stepped float, a float with {@code samples}) keeps the grid values inside that interval, so an int stays an
 * int on its step. A choice keeps only the values the top trials used, even when that is one value: the top
 * trials agreeing is the coarse phase's clearest finding. A conditional parameter is narrowed around the top
 * trials in which it was active, and left as it was when it was active in none; its condition is kept. Fixed
 * parameters stay.
 */
public final class RangeRefinement {

    /** How far a narrowed range reaches beyond the top trials' values: a share of the original range, on its scale. */
    public static final double MARGIN = 0.1;

    /** Tolerance for a grid value that lies on the edge of the narrowed interval. */
    private static final double EDGE = 1e-9;

    private RangeRefinement() {
    }

    /**
     * @param top the configurations of the best trials, at least one; values a parameter cannot have are ignored
     * @return the narrowed space, with the same parameters in the same order and the same conditions
     */
    public static SearchSpace narrow(SearchSpace space, List<Map<String, Object>> top) {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("narrowing needs at least one configuration");
        }
        List<Parameter> narrowed = new ArrayList<>();
        for (Parameter parameter : space.parameters()) {
            List<Object> used = top.stream().map(c -> c.get(parameter.name()))
                    .filter(v -> v != null && parameter.contains(v)).toList();
            narrowed.add(used.isEmpty() ? parameter : narrow(parameter, used));
        }
        return new SearchSpace(narrowed, space.conditions());
    }

    /** The parameter narrowed around {@code used}, each a value it contains. */
    static Parameter narrow(Parameter parameter, List<Object> used) {
        if (parameter instanceof ChoiceParameter choice) {
            return new ChoiceParameter(choice.name(), choice.values().stream()
                    .filter(v -> used.stream().anyMatch(u -> Values.same(u, v))).toList());
        }
        if (parameter instanceof BooleanParameter) {
            List<Object> values = used.stream().distinct().sorted().toList();
            return values.size() == 2 ? parameter : new ChoiceParameter(parameter.name(), values);
        }
        if (parameter instanceof IntParameter p) {
            return narrowInt(p, used);
        }
        if (parameter instanceof FloatParameter p) {
            return narrowFloat(p, used);
        }
        return parameter;
    }

    private static Parameter narrowInt(IntParameter p, List<Object> used) {
        Interval at = Interval.around(used, p.sampling(), p.min(), p.max());
        int lowest = used.stream().mapToInt(v -> (Integer) v).min().orElseThrow();
        int highest = used.stream().mapToInt(v -> (Integer) v).max().orElseThrow();
        if (p.sampling() == Sampling.LINEAR) {
            int step = p.step() == null ? 1 : p.step();
            int min = (int) Math.min(lowest, p.min() + step * (long) Math.ceil((at.low() - p.min()) / step - EDGE));
            int max = (int) Math.max(highest, p.min() + step * (long) Math.floor((at.high() - p.min()) / step + EDGE));
            return new IntParameter(p.name(), min, max, p.step(), Sampling.LINEAR);
        }
        if (p.step() == null) {
            int min = (int) Math.min(lowest, Math.max(p.min(), Math.ceil(at.low() - EDGE)));
            int max = (int) Math.max(highest, Math.min(p.max(), Math.floor(at.high() + EDGE)));
            return new IntParameter(p.name(), min, max, null, p.sampling());
        }
        List<Object> kept = keptGridValues(p.finiteValues().orElseThrow(), used, at);
        if (p.sampling() == Sampling.LOG) {
            // min·step^k from a grid value reaches exactly the original grid's later values
            return new IntParameter(p.name(), (Integer) kept.get(0), (Integer) kept.get(kept.size() - 1), p.step(),
                    Sampling.LOG);
        }
        // a reverse-log grid (max + min − min·step^k) is not the same grid with other bounds: list its values
        return new ChoiceParameter(p.name(), kept);
    }

    private static Parameter narrowFloat(FloatParameter p, List<Object> used) {
        Interval at = Interval.around(used, p.sampling(), p.min(), p.max());
        Optional<List<Object>> grid = p.finiteValues();
        if (grid.isPresent()) {
            return new ChoiceParameter(p.name(), keptGridValues(grid.get(), used, at));
        }
        if (p.step() != null && p.sampling() == Sampling.LINEAR) {
            // a grid too fine to list: the same step from the first grid value inside the interval
            double step = p.step();
            long last = (long) Math.floor((p.max() - p.min()) / step + EDGE);
            long first = Math.max(0, (long) Math.ceil((at.low() - p.min()) / step - EDGE));
            long end = Math.min(last, (long) Math.floor((at.high() - p.min()) / step + EDGE));
            return end > first ? new FloatParameter(p.name(), p.min() + first * step, p.min() + end * step, step,
                    Sampling.LINEAR) : p;
        }
        // continuous (or a log grid too fine to list, which is as good as continuous)
        return at.low() < at.high() ? new FloatParameter(p.name(), at.low(), at.high(), null, p.sampling()) : p;
    }

    /** The grid values inside the interval, and the used ones whatever rounding says. */
    private static List<Object> keptGridValues(List<Object> grid, List<Object> used, Interval at) {
        return grid.stream().filter(v -> used.stream().anyMatch(u -> Values.same(u, v)) || at.contains(v)).toList();
    }

    /**
     * What narrowing changed, parameter by parameter, for people: {@code learning_rate 0.0012..0.0089 (log)},
     * {@code optimizer [adam]}; empty when nothing changed.
     */
    public static String describe(SearchSpace original, SearchSpace narrowed) {
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < narrowed.parameters().size(); i++) {
            Parameter p = narrowed.parameters().get(i);
            if (!p.equals(original.parameters().get(i))) {
                changes.add(p.name() + " " + range(p));
            }
        }
        return String.join(", ", changes);
    }

    private static String range(Parameter p) {
        if (p instanceof IntParameter i) {
            return i.min() + ".." + i.max() + scale(i.sampling());
        }
        if (p instanceof FloatParameter f) {
            return number(f.min()) + ".." + number(f.max()) + scale(f.sampling());
        }
        return p.finiteValues().map(Object::toString).orElse("");
    }

    private static String scale(Sampling sampling) {
        return sampling == Sampling.LINEAR ? "" : " (" + sampling.label() + ")";
    }

    /** Four significant digits, trailing zeros dropped: 0.001234, 0.9987, 512. */
    private static String number(double x) {
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * The narrowed interval in the parameter's own units: the used values' span on the unit scale, widened by
     * {@link #MARGIN} each side and cut at [0, 1]; an end at 0 or 1 is exactly min or max.
     */
    private record Interval(double low, double high) {

        static Interval around(List<Object> used, Sampling sampling, double min, double max) {
            double lo = 1;
            double hi = 0;
            for (Object value : used) {
                double u = sampling.toUnit(((Number) value).doubleValue(), min, max);
                lo = Math.min(lo, u);
                hi = Math.max(hi, u);
            }
            double from = Math.max(0, lo - MARGIN);
            double to = Math.min(1, hi + MARGIN);
            return new Interval(from <= 0 ? min : clamp(sampling.fromUnit(from, min, max), min, max),
                    to >= 1 ? max : clamp(sampling.fromUnit(to, min, max), min, max));
        }

        boolean contains(Object value) {
            double x = ((Number) value).doubleValue();
            double tolerance = EDGE * Math.max(1, Math.abs(x));
            return x >= low - tolerance && x <= high + tolerance;
        }

        private static double clamp(double x, double min, double max) {
            return Math.max(min, Math.min(max, x));
        }
    }
}

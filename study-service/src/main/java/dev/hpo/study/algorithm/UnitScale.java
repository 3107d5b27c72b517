package dev.hpo.study.algorithm;

import java.util.Arrays;
import java.util.List;

/**
 * A numeric parameter seen on its sampling's unit scale, where {@link TpeSampler} models it: 0 is min, 1 is max,
 * and equal distances mean what the sampling says (a decade on a log scale), so one bandwidth rule serves linear,
 * log, reverse-log and log1m parameters alike.
 *
 * <p>A parameter with a finite set of values (an int, a stepped float, a float with {@code samples}) is a grid:
 * each value owns the cell between the midpoints to its neighbours, the outermost cells extend as far beyond their
 * value as inward, and a draw anywhere in a cell means that value. For an evenly spaced grid this is Optuna's
 * discrete TPE, which widens [low, high] by half a step on each side and rounds.
 */
final class UnitScale {

    private static final double TOLERANCE = 1e-9;

    private final Sampling sampling;
    private final double min;
    private final double max;
    private final boolean integer;
    /** The step of a float grid too fine to list, onto which draws are rounded; null when there is none. */
    private final Double linearStep;
    /** Grid values in ascending order; empty for a continuous parameter. */
    private final List<Object> grid;
    private final double[] cellEdges;

    private UnitScale(Sampling sampling, double min, double max, boolean integer, Double linearStep,
            List<Object> grid) {
        this.sampling = sampling;
        this.min = min;
        this.max = max;
        this.integer = integer;
        this.linearStep = linearStep;
        this.grid = grid;
        this.cellEdges = grid.isEmpty() ? new double[] {0, 1} : cellEdges(grid);
    }

    static UnitScale of(IntParameter p) {
        return new UnitScale(p.sampling(), p.min(), p.max(), true, null, p.finiteValues().orElse(List.of()));
    }

    static UnitScale of(FloatParameter p) {
        Double step = p.sampling() == Sampling.LINEAR ? p.step() : null;
        return new UnitScale(p.sampling(), p.min(), p.max(), false, step, p.finiteValues().orElse(List.of()));
    }

    boolean isGrid() {
        return !grid.isEmpty();
    }

    /** Lower end of the modelled interval: 0, or further out by half the first grid cell. */
    double low() {
        return cellEdges[0];
    }

    double high() {
        return cellEdges[cellEdges.length - 1];
    }

    /** Where a stored value lies, or NaN for a value this parameter cannot have (not a number, out of range). */
    double toUnit(Object value) {
        if (!(value instanceof Number number)) {
            return Double.NaN;
        }
        double u = sampling.toUnit(number.doubleValue(), min, max);
        if (!(u >= -TOLERANCE && u <= 1 + TOLERANCE)) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, u));
    }

    /** The grid cell a unit-scale draw falls in. */
    int cellOf(double u) {
        int at = Arrays.binarySearch(cellEdges, u);
        int cell = at >= 0 ? at : -at - 2;
        return Math.max(0, Math.min(grid.size() - 1, cell));
    }

    Object gridValue(int cell) {
        return grid.get(cell);
    }

    double cellLow(int cell) {
        return cellEdges[cell];
    }

    double cellHigh(int cell) {
        return cellEdges[cell + 1];
    }

    /**
     * The value a unit-scale draw stands for on a continuous parameter: an int rounded, a float rounded onto its
     * step when it has one, always within [min, max].
     */
    Object continuousValue(double u) {
        double x = clamp(sampling.fromUnit(Math.max(0, Math.min(1, u)), min, max));
        if (integer) {
            return (int) clamp(Math.round(x));
        }
        if (linearStep != null) {
            double snapped = min + Math.round((x - min) / linearStep) * linearStep;
            return snapped > max ? snapped - linearStep : snapped;
        }
        return x;
    }

    private double clamp(double x) {
        return Math.max(min, Math.min(max, x));
    }

    private double[] cellEdges(List<Object> values) {
        int n = values.size();
        if (n < 2) {
            throw new IllegalArgumentException("a grid needs at least two values to have cells, had " + values);
        }
        double[] units = values.stream().mapToDouble(v -> sampling.toUnit(((Number) v).doubleValue(), min, max))
                .toArray();
        double[] edges = new double[n + 1];
        edges[0] = units[0] - (units[1] - units[0]) / 2;
        for (int i = 1; i < n; i++) {
            edges[i] = (units[i - 1] + units[i]) / 2;
        }
        edges[n] = units[n - 1] + (units[n - 1] - units[n - 2]) / 2;
        return edges;
    }
}

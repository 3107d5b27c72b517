package dev.hpo.study.algorithm;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A trial's objectives by epoch, immutable, holding beside them the sums and counts of the reported values up to
 * each epoch, so that a running average costs one division instead of a pass over the curve. The stopping rules
 * ask for the running averages of every other trial each time a trial reports an epoch, which made them linear in
 * trials × epochs per decision.
 * <p>
 * A value that is {@code null} or NaN counts as not reported (see {@link LearningCurves}). Each sum is built by the
 * same additions, in the same order, as a loop over epochs 1..e would make, so averages are equal to the last bit.
 */
final class ObjectiveCurve extends AbstractList<Double> implements RandomAccess {

    private static final ObjectiveCurve EMPTY = new ObjectiveCurve(new Double[0]);

    private final Double[] values;
    /** {@code sums[e]}: the reported values of epochs 1..e added up; {@code sums[0] = 0}. */
    private final double[] sums;
    /** {@code counts[e]}: how many of epochs 1..e were reported. */
    private final int[] counts;

    private ObjectiveCurve(Double[] values) {
        this.values = values;
        this.sums = new double[values.length + 1];
        this.counts = new int[values.length + 1];
        for (int e = 1; e <= values.length; e++) {
            Double value = values[e - 1];
            boolean reported = value != null && !value.isNaN();
            sums[e] = reported ? sums[e - 1] + value : sums[e - 1];
            counts[e] = reported ? counts[e - 1] + 1 : counts[e - 1];
        }
    }

    /** {@code objectives} as a curve: the same list when it already is one, else a copy. */
    static ObjectiveCurve of(List<Double> objectives) {
        if (objectives instanceof ObjectiveCurve curve) {
            return curve;
        }
        return objectives.isEmpty() ? EMPTY : new ObjectiveCurve(objectives.toArray(Double[]::new));
    }

    /** The mean of the reported values over epochs 1..epoch, or NaN when there is none. */
    double runningAverage(int epoch) {
        int upTo = Math.max(0, Math.min(epoch, values.length));
        return counts[upTo] == 0 ? Double.NaN : sums[upTo] / counts[upTo];
    }

    @Override
    public Double get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }
}

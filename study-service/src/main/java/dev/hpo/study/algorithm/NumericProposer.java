package dev.hpo.study.algorithm;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * TPE for an int or float parameter on its unit scale: draw candidates from l(x), the Parzen estimator of the good
 * trials' values, and keep the one with the largest l(x)/g(x), g being that of the bad trials. On a grid a
 * candidate is the grid value whose cell it fell in, scored by the cell's mass under l and g.
 */
final class NumericProposer implements ValueProposer {

    private final UnitScale scale;

    NumericProposer(UnitScale scale) {
        this.scale = scale;
    }

    @Override
    public Object propose(List<Object> good, List<Object> bad, int candidates, RandomGenerator random) {
        TruncatedGaussianMixture l = fit(good);
        TruncatedGaussianMixture g = fit(bad);
        Object best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            double draw = l.sample(random);
            Object value;
            double score;
            if (scale.isGrid()) {
                int cell = scale.cellOf(draw);
                value = scale.gridValue(cell);
                double from = scale.cellLow(cell);
                double to = scale.cellHigh(cell);
                score = l.logMass(from, to) - g.logMass(from, to);
            } else {
                value = scale.continuousValue(draw);
                double at = scale.toUnit(value);
                score = l.logDensity(at) - g.logDensity(at);
            }
            if (best == null || score > bestScore) {
                best = value;
                bestScore = score;
            }
        }
        return best;
    }

    private TruncatedGaussianMixture fit(List<Object> values) {
        double[] observations = values.stream().mapToDouble(scale::toUnit).filter(Double::isFinite).toArray();
        return TruncatedGaussianMixture.fit(observations, scale.low(), scale.high(), TpeSampler.PRIOR_WEIGHT);
    }
}

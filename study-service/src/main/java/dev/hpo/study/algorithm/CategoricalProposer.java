package dev.hpo.study.algorithm;

import java.util.List;
import java.util.random.RandomGenerator;

/** TPE for a choice or boolean parameter: candidates drawn from l, the one with the largest l/g kept. */
final class CategoricalProposer implements ValueProposer {

    private final List<Object> choices;

    CategoricalProposer(List<Object> choices) {
        this.choices = List.copyOf(choices);
    }

    @Override
    public Object propose(List<Object> good, List<Object> bad, int candidates, RandomGenerator random) {
        CategoricalMixture l = fit(good);
        CategoricalMixture g = fit(bad);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            int choice = l.sample(random);
            double score = l.logProbability(choice) - g.logProbability(choice);
            if (best < 0 || score > bestScore) {
                best = choice;
                bestScore = score;
            }
        }
        return choices.get(best);
    }

    private CategoricalMixture fit(List<Object> values) {
        int[] observed = values.stream().mapToInt(this::indexOf).filter(i -> i >= 0).toArray();
        return CategoricalMixture.fit(observed, choices.size(), TpeSampler.PRIOR_WEIGHT);
    }

    /** The position of a stored value among the choices, or -1 for one that is not (any more) a choice. */
    private int indexOf(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            if (Values.same(choices.get(i), value)) {
                return i;
            }
        }
        return -1;
    }
}

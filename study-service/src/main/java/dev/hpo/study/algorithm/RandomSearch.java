package dev.hpo.study.algorithm;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Independent uniform draws from the search space, {@code maxTrials} of them, each trained for {@code epochs}.
 * Trial {@code n} draws from a generator seeded by (study seed, n), so the n-th configuration depends only on
 * the seed: a restarted service or a re-run study proposes exactly the same trials.
 */
public final class RandomSearch implements SearchAlgorithm {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SearchSpace space;
    private final long seed;
    private final int maxTrials;
    private final int epochs;

    public RandomSearch(SearchSpace space, long seed, int maxTrials, int epochs) {
        if (maxTrials < 1) {
            throw new IllegalArgumentException("maxTrials must be >= 1, was " + maxTrials);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        this.space = space;
        this.seed = seed;
        this.maxTrials = maxTrials;
        this.epochs = epochs;
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        if (trials.size() >= maxTrials) {
            return new Suggestion.Done();
        }
        int number = trials.size();
        return new Suggestion.Run(space.sample(new SplittableRandom(seed + GOLDEN_GAMMA * (number + 1))), epochs);
    }
}

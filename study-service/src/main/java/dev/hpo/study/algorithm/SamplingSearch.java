package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search that trains every trial for the full budget: new configurations from a sampler (random, grid, TPE)
 * until {@code maxTrials} exist or the sampler has nothing left.
 */
public final class SamplingSearch implements SearchAlgorithm {

    private final Sampler sampler;
    private final int maxTrials;
    private final int epochs;

    public SamplingSearch(Sampler sampler, int maxTrials, int epochs) {
        if (maxTrials < 1) {
            throw new IllegalArgumentException("maxTrials must be >= 1, was " + maxTrials);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        this.sampler = sampler;
        this.maxTrials = maxTrials;
        this.epochs = epochs;
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        if (trials.size() >= maxTrials) {
            return new Suggestion.Done();
        }
        Optional<Map<String, Object>> params = sampler.sample(trials.size(), trials);
        return params.<Suggestion>map(p -> new Suggestion.Run(p, epochs)).orElseGet(Suggestion.Done::new);
    }
}

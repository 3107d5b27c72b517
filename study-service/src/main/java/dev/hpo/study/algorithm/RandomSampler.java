package dev.hpo.study.algorithm;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Independent uniform draws from the search space. Trial {@code n} draws from a generator seeded by (study seed,
 * n), so the n-th configuration depends only on the seed. When the space is finite, configurations already tried
 * are skipped, and once every one has been tried there is nothing left to propose.
 */
public final class RandomSampler implements Sampler {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SearchSpace space;
    private final long seed;
    private final Optional<Integer> finiteSize;

    public RandomSampler(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
        this.finiteSize = space.enumerate().map(List::size);
    }

    @Override
    public Optional<Map<String, Object>> sample(int trialNumber, List<TrialRecord> history) {
        SplittableRandom random = new SplittableRandom(seed + GOLDEN_GAMMA * (trialNumber + 1));
        if (finiteSize.isEmpty()) {
            return Optional.of(space.sample(random));
        }
        Set<Map<String, Object>> tried = new HashSet<>();
        history.forEach(t -> tried.add(t.params()));
        if (tried.size() >= finiteSize.get()) {
            return Optional.empty();
        }
        // Rejection is cheap while most of the space is untried; near exhaustion, pick among the untried ones.
        for (int attempt = 0; attempt < 64; attempt++) {
            Map<String, Object> candidate = space.sample(random);
            if (!tried.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        List<Map<String, Object>> untried = space.enumerate().orElseThrow().stream()
                .filter(c -> !tried.contains(c)).toList();
        return Optional.of(untried.get(random.nextInt(untried.size())));
    }
}

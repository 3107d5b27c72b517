package dev.hpo.study.algorithm;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Grid search: every configuration of the space, in {@link SearchSpace#enumerate()} order (parameters in
 * declaration order, the last one varying fastest; a conditional parameter only where its condition holds).
 *
 * <p>Each proposal is the first configuration in grid order that no trial in the history has, rather than
 * configuration number n for trial n: after a restart, or when a trial could not be stored, the grid goes on
 * where it has a gap, never skipping a configuration nor repeating one. Once every configuration has been tried
 * there is nothing left to propose.
 */
public final class GridSampler implements Sampler {

    private final List<Map<String, Object>> grid;
    private final Map<ConfigurationKey, Integer> positions = new HashMap<>();

    /** @throws InvalidParameterException (field {@code space}) when the space has no finite grid */
    public GridSampler(SearchSpace space) {
        this.grid = space.enumerate().orElseThrow(() -> whyNotEnumerable(space));
        for (int i = 0; i < grid.size(); i++) {
            positions.putIfAbsent(ConfigurationKey.of(grid.get(i)), i);
        }
    }

    /** The number of configurations in the grid. */
    public int size() {
        return grid.size();
    }

    @Override
    public Optional<Map<String, Object>> sample(int trialNumber, List<TrialRecord> history) {
        BitSet taken = new BitSet(grid.size());
        for (TrialRecord trial : history) {
            Integer position = positions.get(ConfigurationKey.of(trial.params()));
            if (position != null) {
                taken.set(position);
            }
        }
        int next = taken.nextClearBit(0);
        return next < grid.size() ? Optional.of(grid.get(next)) : Optional.empty();
    }

    private static InvalidParameterException whyNotEnumerable(SearchSpace space) {
        for (Parameter parameter : space.parameters()) {
            if (parameter.finiteValues().isEmpty()) {
                String advice = parameter instanceof IntParameter
                        ? " has too many values: give it a larger step for grid search"
                        : " is continuous: give it a step or a samples count for grid search";
                return new InvalidParameterException("space", parameter.name() + advice);
            }
        }
        return new InvalidParameterException("space", String.format(Locale.ROOT,
                "the grid exceeds %,d configurations: give parameters fewer values (a larger step, fewer samples "
                        + "or choices)", SearchSpace.ENUMERATION_LIMIT));
    }
}

package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), following Optuna's default {@code TPESampler}:
 * univariate, prior weight 1, magic-clipped bandwidths, no endpoint bandwidths, γ(n) = min(⌈0.1 n⌉, 25) good
 * trials, older trials ramped down in weight.
 *
 * <p>Each trial is scored at a common budget ({@link CommonBudget}): the objective at the largest epoch that at
 * least {@code startupTrials} trials have reported, which makes the sampler work for full-budget searches and
 * inside Hyperband brackets (BOHB). Until that many trials have a score, proposals are random search's. Then the
 * scored trials split into the γ(n) best (ties to the earlier trial) and the rest; parameters are decided in
 * declaration order, each active one from Parzen estimators fitted on the trials where it was active, drawing
 * {@code candidates} values from the good trials' density l(x) and keeping the one with the largest l(x)/g(x).
 *
 * <p>Trial {@code n}'s draws come from a generator seeded by (seed, n), so a proposal is a function of seed, trial
 * number and history, and a restarted service proposes the same again. In a finite space an already tried
 * configuration is never proposed again (a random untried one is proposed instead), and once every
 * configuration has been tried there is nothing left to propose.
 */
public final class TpeSampler implements Sampler {

    /** Weight of the prior kernel relative to one observation, as Optuna's {@code prior_weight}. */
    static final double PRIOR_WEIGHT = 1.0;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SearchSpace space;
    private final long seed;
    private final Direction direction;
    private final int startupTrials;
    private final int candidates;
    private final RandomSampler startup;
    private final Map<String, ValueProposer> proposers = new LinkedHashMap<>();
    private final Optional<Integer> finiteSize;

    /**
     * @param startupTrials scored trials needed before TPE takes over from random search (Optuna: 10); also the
     *                      number of trials an epoch needs to become the common budget
     * @param candidates    draws from l(x) per parameter, of which the best l(x)/g(x) is proposed (Optuna: 24)
     */
    public TpeSampler(SearchSpace space, long seed, Direction direction, int startupTrials, int candidates) {
        if (startupTrials < 1) {
            throw new IllegalArgumentException("startupTrials must be >= 1, was " + startupTrials);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, was " + candidates);
        }
        this.space = Objects.requireNonNull(space, "space");
        this.seed = seed;
        this.direction = Objects.requireNonNull(direction, "direction");
        this.startupTrials = startupTrials;
        this.candidates = candidates;
        this.startup = new RandomSampler(space, seed);
        space.parameters().forEach(p -> proposers.put(p.name(), ValueProposer.forParameter(p)));
        this.finiteSize = space.enumerate().map(List::size);
    }

    @Override
    public Optional<Map<String, Object>> sample(int trialNumber, List<TrialRecord> history) {
        List<TrialRecord> trials = new ArrayList<>(history);
        trials.sort(Comparator.comparingInt(TrialRecord::number));
        List<CommonBudget.ScoredTrial> scored = CommonBudget.scores(trials, startupTrials);
        if (scored.size() < startupTrials) {
            return startup.sample(trialNumber, history);
        }
        Set<ConfigurationKey> tried = triedInSpace(trials);
        if (finiteSize.isPresent() && tried.size() >= finiteSize.get()) {
            return Optional.empty();
        }
        SplittableRandom random = new SplittableRandom(seed + GOLDEN_GAMMA * (trialNumber + 1));
        Map<String, Object> proposal = propose(scored, random);
        if (tried.contains(ConfigurationKey.of(proposal))) {
            return untried(tried, random);
        }
        return Optional.of(proposal);
    }

    private Map<String, Object> propose(List<CommonBudget.ScoredTrial> scored, SplittableRandom random) {
        List<CommonBudget.ScoredTrial> ranked = new ArrayList<>(scored);
        ranked.sort(Comparator.comparing(CommonBudget.ScoredTrial::score, direction.bestFirst())
                .thenComparingInt(s -> s.trial().number()));
        int goodCount = TpeHeuristics.goodCount(ranked.size());
        List<TrialRecord> good = oldestFirst(ranked.subList(0, goodCount));
        List<TrialRecord> bad = oldestFirst(ranked.subList(goodCount, ranked.size()));

        Map<String, Object> config = new LinkedHashMap<>();
        for (Parameter parameter : space.parameters()) {
            String name = parameter.name();
            if (space.isActive(name, config)) {
                Object value = proposers.get(name).propose(valuesOf(good, name), valuesOf(bad, name), candidates,
                        random);
                config.put(name, value);
            }
        }
        return config;
    }

    /** Kernel weights ramp with age, so each side is kept in trial order. */
    private static List<TrialRecord> oldestFirst(List<CommonBudget.ScoredTrial> scored) {
        return scored.stream().map(CommonBudget.ScoredTrial::trial)
                .sorted(Comparator.comparingInt(TrialRecord::number)).toList();
    }

    /** The values a parameter had in the trials where it was active. */
    private static List<Object> valuesOf(List<TrialRecord> trials, String name) {
        return trials.stream().map(t -> t.params().get(name)).filter(Objects::nonNull).toList();
    }

    /** The distinct configurations of this space that trials have had; only collected for a finite space. */
    private Set<ConfigurationKey> triedInSpace(List<TrialRecord> trials) {
        Set<ConfigurationKey> tried = new HashSet<>();
        if (finiteSize.isPresent()) {
            trials.stream().map(TrialRecord::params).filter(space::contains)
                    .forEach(params -> tried.add(ConfigurationKey.of(params)));
        }
        return tried;
    }

    /**
     * TPE may settle on a configuration it has already seen; training it again would teach nothing, so a finite
     * space gets a random untried configuration instead.
     */
    private Optional<Map<String, Object>> untried(Set<ConfigurationKey> tried, SplittableRandom random) {
        List<Map<String, Object>> untried = space.enumerate().orElseThrow().stream()
                .filter(config -> !tried.contains(ConfigurationKey.of(config))).toList();
        return untried.isEmpty() ? Optional.empty() : Optional.of(untried.get(random.nextInt(untried.size())));
    }
}

package dev.hpo.study.algorithm;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Two phases: a coarse search (any algorithm), then {@code fineTrials} random draws from the space narrowed by
 * {@link RangeRefinement} around the best {@code keepTop} coarse trials, each trained for {@code epochs}.
 * <p>
 * The phase of a trial is its bracket: fine trials are started in {@code fineBracket}, one past the coarse
 * algorithm's brackets (1 for the algorithms without brackets), so the coarse algorithm is asked about its own
 * trials only and the history alone tells the phases apart. The fine phase starts once the coarse algorithm is
 * done and none of its trials is active (a trial it left paused is finished), so the narrowed space never
 * changes after the first fine trial, and a restarted service narrows the same way.
 * <p>
 * Coarse trials rank by the furthest epoch they reported (trials stopped early or not promoted come after those
 * that trained on), then by their best objective, the study's own measure of a trial. When no coarse trial
 * reported the objective, the fine phase draws from the whole space.
 */
public final class CoarseToFine implements SearchAlgorithm {

    /** Makes the fine phase's draws independent of the coarse phase's, which use the same seed. */
    private static final long FINE_SALT = 0x5DEECE66DL;

    private final SearchAlgorithm coarse;
    private final SearchSpace space;
    private final long seed;
    private final Direction direction;
    private final int keepTop;
    private final int fineTrials;
    private final int epochs;
    private final int fineBracket;

    /**
     * @param coarse      the coarse phase's algorithm
     * @param space       the space the coarse phase searched
     * @param keepTop     the best coarse trials to narrow around
     * @param fineTrials  trials of the fine phase
     * @param epochs      epochs each fine trial trains
     * @param fineBracket the bracket fine trials are started in, above every bracket the coarse algorithm uses
     */
    public CoarseToFine(SearchAlgorithm coarse, SearchSpace space, long seed, Direction direction, int keepTop,
            int fineTrials, int epochs, int fineBracket) {
        requireAtLeast("keepTop", keepTop, 1);
        requireAtLeast("fineTrials", fineTrials, 1);
        requireAtLeast("epochs", epochs, 1);
        requireAtLeast("fineBracket", fineBracket, 1);
        this.coarse = Objects.requireNonNull(coarse, "coarse");
        this.space = Objects.requireNonNull(space, "space");
        this.seed = seed;
        this.direction = Objects.requireNonNull(direction, "direction");
        this.keepTop = keepTop;
        this.fineTrials = fineTrials;
        this.epochs = epochs;
        this.fineBracket = fineBracket;
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        List<TrialRecord> coarseTrials = trials.stream().filter(t -> t.bracket() != fineBracket).toList();
        long fineStarted = trials.size() - coarseTrials.size();
        if (fineStarted == 0) {
            Suggestion answer = coarse.next(coarseTrials);
            if (!(answer instanceof Suggestion.Done)) {
                return answer;
            }
            if (coarseTrials.stream().anyMatch(t -> t.state() == TrialState.ACTIVE)) {
                return new Suggestion.Wait();
            }
            Optional<TrialRecord> paused = coarseTrials.stream().filter(t -> t.state() == TrialState.PAUSED)
                    .findFirst();
            if (paused.isPresent()) {
                return new Suggestion.Finish(paused.get().number(), "the coarse phase is over");
            }
        }
        if (fineStarted >= fineTrials) {
            return new Suggestion.Done();
        }
        List<TrialRecord> top = top(coarseTrials);
        SearchSpace narrowed = top.isEmpty() ? space
                : RangeRefinement.narrow(space, top.stream().map(TrialRecord::params).toList());
        // a finite narrowed space is not drawn twice: the sampler skips what the history already tried in it
        List<TrialRecord> tried = trials.stream().filter(t -> narrowed.contains(t.params())).toList();
        Optional<Map<String, Object>> params = new RandomSampler(narrowed, seed ^ FINE_SALT)
                .sample(trials.size(), tried);
        return params.<Suggestion>map(p -> new Suggestion.Run(p, epochs, fineBracket, reason(top, narrowed)))
                .orElseGet(Suggestion.Done::new);
    }

    /** The best {@code keepTop} coarse trials that reported the objective, best first. */
    List<TrialRecord> top(List<TrialRecord> coarseTrials) {
        Comparator<TrialRecord> furthest = Comparator.comparingInt(TrialRecord::epochsRun).reversed();
        Comparator<TrialRecord> order = furthest
                .thenComparing(t -> t.best(direction), direction.bestFirst())
                .thenComparingInt(TrialRecord::number);
        return coarseTrials.stream().filter(t -> t.best(direction) != null).sorted(order).limit(keepTop).toList();
    }

    private String reason(List<TrialRecord> top, SearchSpace narrowed) {
        if (top.isEmpty()) {
            return "fine phase: no coarse trial reported the objective, so drawn from the whole space";
        }
        String changes = RangeRefinement.describe(space, narrowed);
        return "fine phase: drawn from the space narrowed around coarse trial"
                + (top.size() == 1 ? " " : "s ")
                + top.stream().map(t -> String.valueOf(t.number())).collect(Collectors.joining(", "))
                + (changes.isEmpty() ? " (nothing narrower)" : ": " + changes);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}

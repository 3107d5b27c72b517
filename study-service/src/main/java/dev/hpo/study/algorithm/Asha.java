package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020,
 * Algorithm 2). Rungs sit at minEpochs · factor^k epochs below maxEpochs, and at maxEpochs. Nothing waits for a
 * rung to fill: whenever a runner is free, a paused trial that ranks in the top ⌊m / factor⌋ of the m trials that
 * have reached its rung is promoted (highest rung first, best trial first), and otherwise a new trial starts. A
 * runner therefore idles only once maxTrials trials exist and nothing is promotable.
 * <p>
 * Once nothing is active and nothing is promotable, the trials still paused are finished one per call, and then
 * the study is done. A trial that reached a rung but cannot continue (it failed) keeps its place in the ranking:
 * the paper promotes from the top ⌊m / factor⌋ and never lowers the bar for a failure.
 * <p>
 * The standings (who reached each rung with what objective, who waits where) are kept between calls and updated
 * with each change the caller reports ({@link IncrementalSearch}); each rung is a {@link RankedSet}, so a call
 * costs O(rungs · log n) for n trials.
 */
public final class Asha implements IncrementalSearch {

    private final Sampler sampler;
    private final List<Integer> rungEpochs;
    private final int[] epochs;
    private final int factor;
    private final int maxTrials;
    private final Direction direction;
    /** Built from the first history asked about; null until then. */
    private Standings standings;
    /** Whether the caller reports changes; until it does, every call reads the history afresh. */
    private boolean told;

    public Asha(Sampler sampler, int minEpochs, int maxEpochs, int factor, int maxTrials, Direction direction) {
        requireAtLeast("minEpochs", minEpochs, 1);
        if (maxEpochs < minEpochs) {
            throw new IllegalArgumentException("maxEpochs must be >= minEpochs (" + minEpochs + "), was " + maxEpochs);
        }
        requireAtLeast("factor", factor, 2);
        requireAtLeast("maxTrials", maxTrials, 1);
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.rungEpochs = rungEpochs(minEpochs, maxEpochs, factor);
        this.epochs = rungEpochs.stream().mapToInt(Integer::intValue).toArray();
        this.factor = factor;
        this.maxTrials = maxTrials;
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    /** minEpochs · factor^k for every k where that is below maxEpochs, then maxEpochs. */
    static List<Integer> rungEpochs(int minEpochs, int maxEpochs, int factor) {
        List<Integer> epochs = new ArrayList<>();
        for (long e = minEpochs; e < maxEpochs; e *= factor) {
            epochs.add((int) e);
        }
        epochs.add(maxEpochs);
        return List.copyOf(epochs);
    }

    @Override
    public void observe(TrialRecord previous, TrialRecord current) {
        told = true;
        if (standings != null) {
            standings.replace(previous, current);
        }
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        if (standings == null || !told || standings.trials != trials.size()) {
            standings = new Standings(trials);
        }
        Optional<Suggestion.Resume> promotion = standings.promotion(trials);
        if (promotion.isPresent()) {
            return promotion.get();
        }
        if (trials.size() < maxTrials) {
            Optional<Map<String, Object>> params = sampler.sample(trials.size(), trials);
            if (params.isPresent()) {
                return new Suggestion.Run(params.get(), epochs[0], 0);
            }
        }
        if (standings.active > 0) {
            return new Suggestion.Wait();
        }
        return standings.paused.isEmpty() ? new Suggestion.Done()
                : standings.finishAtEnd(trials.get(standings.paused.first()));
    }

    /**
     * What a call needs from the history. {@code get_job} promotes, from the second-highest rung down, the best
     * paused trial among the top ⌊m / factor⌋ of the m trials that reached the rung. That trial, if there is one, is
     * the best paused trial of the rung, and it is in the top exactly when fewer than ⌊m / factor⌋ trials rank
     * before it. So each rung keeps the trials that reached it and the trials paused there in {@link RankedSet}s,
     * and a trial's record adds to them, or is taken out of them, as a whole.
     */
    private final class Standings {

        /** How many trials the standings count. */
        private int trials;
        /** Per rung, the trials that reported its epoch (whether they went on or not). */
        private final RankedSet[] reached = new RankedSet[epochs.length];
        /** Per rung, the trials paused there, neither promoted from it yet nor finished. */
        private final RankedSet[] waiting = new RankedSet[epochs.length];
        private int active;
        private final TreeSet<Integer> paused = new TreeSet<>();

        Standings(List<TrialRecord> history) {
            for (int rung = 0; rung < epochs.length; rung++) {
                reached[rung] = new RankedSet(direction);
                waiting[rung] = new RankedSet(direction);
            }
            for (TrialRecord trial : history) {
                replace(null, trial);
            }
        }

        void replace(TrialRecord previous, TrialRecord current) {
            if (previous == null) {
                trials++;
            } else {
                count(previous, -1);
            }
            count(current, +1);
        }

        /** Adds the trial's record to the standings ({@code sign} +1) or takes it out (-1). */
        private void count(TrialRecord trial, int sign) {
            int run = trial.epochsRun();
            for (int rung = 0; rung < epochs.length && run >= epochs[rung]; rung++) {
                change(reached[rung], RungRanking.objectiveOrNaN(trial, epochs[rung]), trial.number(), sign);
            }
            if (trial.state() == TrialState.ACTIVE) {
                active += sign;
            } else if (trial.state() == TrialState.PAUSED) {
                if (sign > 0) {
                    paused.add(trial.number());
                } else {
                    paused.remove(trial.number());
                }
                int rung = rungOf(trial);
                if (rung < epochs.length - 1 && run >= epochs[rung]) {
                    change(waiting[rung], RungRanking.objectiveOrNaN(trial, epochs[rung]), trial.number(), sign);
                }
            }
        }

        Optional<Suggestion.Resume> promotion(List<TrialRecord> history) {
            for (int rung = epochs.length - 2; rung >= 0; rung--) {
                int best = waiting[rung].firstNumber();
                int promotable = reached[rung].size() / factor;
                if (best < 0 || promotable == 0) {
                    continue;
                }
                int rank = reached[rung].countBefore(waiting[rung].firstObjective(), best) + 1;
                if (rank <= promotable) {
                    int target = epochs[rung + 1];
                    return Optional.of(new Suggestion.Resume(best, target, "promoted to rung " + (rung + 1)
                            + " (epoch " + target + "): "
                            + RungRanking.describe(history.get(best), epochs[rung], rank, reached[rung].size())
                            + ", top " + promotable + " promotable"));
                }
            }
            return Optional.empty();
        }

        Suggestion.Finish finishAtEnd(TrialRecord trial) {
            int rung = rungOf(trial);
            int epoch = epochs[rung];
            int m = reached[rung].size();
            int rank = trial.epochsRun() >= epoch
                    ? reached[rung].countBefore(RungRanking.objectiveOrNaN(trial, epoch), trial.number()) + 1
                    : 0;
            return new Suggestion.Finish(trial.number(), "not promoted from rung " + rung + " (epoch " + epoch
                    + ") before the study ended: " + RungRanking.describe(trial, epoch, rank, m) + "; top "
                    + m / factor + " promotable");
        }
    }

    /** The highest rung whose epoch the trial's target reaches: promotions raise the target. */
    private int rungOf(TrialRecord trial) {
        int rung = 0;
        for (int i = 1; i < epochs.length; i++) {
            if (trial.targetEpoch() >= epochs[i]) {
                rung = i;
            }
        }
        return rung;
    }

    private static void change(RankedSet set, double objective, int number, int sign) {
        if (sign > 0) {
            set.add(objective, number);
        } else {
            set.remove(objective, number);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}

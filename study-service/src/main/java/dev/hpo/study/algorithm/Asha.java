package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * Each call reads the history in two passes and sorts nothing (see {@link Standings}), so its cost grows with the
 * number of trials only as fast as reading them does.
 */
public final class Asha implements SearchAlgorithm {

    private final Sampler sampler;
    private final List<Integer> rungEpochs;
    private final int[] epochs;
    private final int factor;
    private final int maxTrials;
    private final Direction direction;

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
    public Suggestion next(List<TrialRecord> trials) {
        Standings standings = new Standings(trials);
        Optional<Suggestion.Resume> promotion = standings.promotion();
        if (promotion.isPresent()) {
            return promotion.get();
        }
        if (trials.size() < maxTrials) {
            Optional<Map<String, Object>> params = sampler.sample(trials.size(), trials);
            if (params.isPresent()) {
                return new Suggestion.Run(params.get(), epochs[0], 0);
            }
        }
        if (standings.anyActive) {
            return new Suggestion.Wait();
        }
        return standings.firstPaused == null ? new Suggestion.Done() : standings.finishAtEnd();
    }

    /**
     * What one call needs from the history. {@code get_job} promotes, from the second-highest rung down, the best
     * paused trial among the top ⌊m / factor⌋ of the m trials that reached the rung. That trial, if there is one, is
     * the best paused trial of the rung, and it is in the top exactly when fewer than ⌊m / factor⌋ trials rank
     * before it. So one pass over the history copies each rung's objectives into arrays and finds its best paused
     * trial, a second pass over those arrays counts the trials ahead of it, and no rung is sorted.
     */
    private final class Standings {

        private final List<TrialRecord> trials;
        /** Per rung, the trials that reported its epoch (whether they went on or not): numbers and objectives. */
        private final int[][] numbers = new int[epochs.length][];
        private final double[][] objectives = new double[epochs.length][];
        private final int[] reached = new int[epochs.length];
        /** Per rung, the best trial paused there, neither promoted from it yet nor finished; null when none. */
        private final TrialRecord[] bestWaiting = new TrialRecord[epochs.length];
        private final double[] bestWaitingObjective = new double[epochs.length];
        private boolean anyActive;
        private TrialRecord firstPaused;

        Standings(List<TrialRecord> trials) {
            this.trials = trials;
            for (int rung = 0; rung < epochs.length; rung++) {
                int capacity = rung == 0 ? trials.size() : Math.max(16, trials.size() >> (2 * rung));
                numbers[rung] = new int[capacity];
                objectives[rung] = new double[capacity];
            }
            for (TrialRecord trial : trials) {
                int run = trial.epochsRun();
                for (int rung = 0; rung < epochs.length && run >= epochs[rung]; rung++) {
                    add(rung, trial.number(), RungRanking.objectiveOrNaN(trial, epochs[rung]));
                }
                if (trial.state() == TrialState.ACTIVE) {
                    anyActive = true;
                } else if (trial.state() == TrialState.PAUSED) {
                    if (firstPaused == null) {
                        firstPaused = trial;
                    }
                    waits(trial, run);
                }
            }
        }

        private void add(int rung, int number, double objective) {
            int m = reached[rung];
            if (m == numbers[rung].length) {
                numbers[rung] = Arrays.copyOf(numbers[rung], 2 * m);
                objectives[rung] = Arrays.copyOf(objectives[rung], 2 * m);
            }
            numbers[rung][m] = number;
            objectives[rung][m] = objective;
            reached[rung] = m + 1;
        }

        private void waits(TrialRecord trial, int run) {
            int rung = rungOf(trial);
            if (rung == epochs.length - 1 || run < epochs[rung]) {
                return;
            }
            double objective = RungRanking.objectiveOrNaN(trial, epochs[rung]);
            TrialRecord best = bestWaiting[rung];
            if (best == null || RungRanking.compare(objective, trial.number(), bestWaitingObjective[rung],
                    best.number(), direction) < 0) {
                bestWaiting[rung] = trial;
                bestWaitingObjective[rung] = objective;
            }
        }

        Optional<Suggestion.Resume> promotion() {
            for (int rung = epochs.length - 2; rung >= 0; rung--) {
                TrialRecord trial = bestWaiting[rung];
                int promotable = reached[rung] / factor;
                if (trial == null || promotable == 0) {
                    continue;
                }
                int rank = rank(rung, bestWaitingObjective[rung], trial.number());
                if (rank <= promotable) {
                    int target = epochs[rung + 1];
                    return Optional.of(new Suggestion.Resume(trial.number(), target, "promoted to rung " + (rung + 1)
                            + " (epoch " + target + "): "
                            + RungRanking.describe(trial, epochs[rung], rank, reached[rung]) + ", top " + promotable
                            + " promotable"));
                }
            }
            return Optional.empty();
        }

        Suggestion.Finish finishAtEnd() {
            TrialRecord trial = firstPaused;
            int rung = rungOf(trial);
            int epoch = epochs[rung];
            int rank = trial.epochsRun() >= epoch ? rank(rung, RungRanking.objectiveOrNaN(trial, epoch), trial.number())
                    : 0;
            return new Suggestion.Finish(trial.number(), "not promoted from rung " + rung + " (epoch " + epoch
                    + ") before the study ended: " + RungRanking.describe(trial, epoch, rank, reached[rung])
                    + "; top " + reached[rung] / factor + " promotable");
        }

        /** 1-based rank at the rung of a trial that reached it: one more than the trials that rank before it. */
        private int rank(int rung, double objective, int number) {
            int[] others = numbers[rung];
            double[] values = objectives[rung];
            int rank = 1;
            for (int i = 0; i < reached[rung]; i++) {
                if (RungRanking.compare(values[i], others[i], objective, number, direction) < 0) {
                    rank++;
                }
            }
            return rank;
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

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}

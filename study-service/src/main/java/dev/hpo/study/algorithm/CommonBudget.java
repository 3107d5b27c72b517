package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores trials at one budget that enough of them have reached, so that a model-based sampler compares like with
 * like. Under Hyperband most trials stop early: comparing a trial's objective after 1 epoch with another's after
 * 27 would rank budgets, not configurations. As in BOHB (Falkner et al. 2018), the score is the objective at the
 * largest epoch that at least {@code minTrials} trials have reported; in a search that trains every trial fully
 * this is the final epoch once enough trials have finished it.
 */
final class CommonBudget {

    /** A trial and its objective at the common budget. */
    record ScoredTrial(TrialRecord trial, double score) {
    }

    private CommonBudget() {
    }

    /**
     * The trials that reported a finite objective at the largest epoch reported by at least {@code minTrials}
     * trials, with that objective; empty when no epoch has that many.
     */
    static List<ScoredTrial> scores(List<TrialRecord> trials, int minTrials) {
        int epoch = largestEpochReportedBy(trials, minTrials);
        List<ScoredTrial> scored = new ArrayList<>();
        if (epoch == 0) {
            return scored;
        }
        for (TrialRecord trial : trials) {
            if (usable(trial.objectiveAt(epoch))) {
                scored.add(new ScoredTrial(trial, trial.objectiveAt(epoch)));
            }
        }
        return scored;
    }

    /** The largest epoch at least {@code minTrials} trials have a usable objective for, or 0 when there is none. */
    static int largestEpochReportedBy(List<TrialRecord> trials, int minTrials) {
        int longest = trials.stream().mapToInt(TrialRecord::epochsRun).max().orElse(0);
        int[] reports = new int[longest + 1];
        for (TrialRecord trial : trials) {
            for (int epoch = 1; epoch <= trial.epochsRun(); epoch++) {
                if (usable(trial.objectiveAt(epoch))) {
                    reports[epoch]++;
                }
            }
        }
        for (int epoch = longest; epoch >= 1; epoch--) {
            if (reports[epoch] >= minTrials) {
                return epoch;
            }
        }
        return 0;
    }

    /** A diverged run's NaN or infinity says nothing about where good configurations lie. */
    private static boolean usable(Double objective) {
        return objective != null && Double.isFinite(objective);
    }
}

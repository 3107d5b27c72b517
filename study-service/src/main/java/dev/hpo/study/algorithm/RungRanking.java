package dev.hpo.study.algorithm;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The trials that reached one rung, best first by their objective at the rung's epoch. A trial without an objective
 * there (not reported, or NaN) ranks after every trial with one; equal objectives rank the lower trial number
 * first, so the order never depends on the order trials are listed in.
 */
final class RungRanking {

    private final int epoch;
    private final List<TrialRecord> ranked;

    RungRanking(List<TrialRecord> reached, int epoch, Direction direction) {
        this.epoch = epoch;
        Comparator<Double> objectives = Comparator.nullsLast(direction.bestFirst());
        this.ranked = reached.stream()
                .sorted(Comparator.comparing((TrialRecord t) -> objective(t, epoch), objectives)
                        .thenComparingInt(TrialRecord::number))
                .toList();
    }

    /** Best first. */
    List<TrialRecord> ranked() {
        return ranked;
    }

    int size() {
        return ranked.size();
    }

    /** The first {@code count} trials, or all of them when fewer reached the rung. */
    List<TrialRecord> top(int count) {
        return ranked.subList(0, Math.min(count, ranked.size()));
    }

    /** 1-based, or 0 when the trial did not reach the rung. */
    int rankOf(TrialRecord trial) {
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).number() == trial.number()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The figures behind a trial's place, e.g. "0.8712 at epoch 2, rank 1 of 9". */
    String describe(TrialRecord trial) {
        int rank = rankOf(trial);
        if (rank == 0) {
            return "did not reach epoch " + epoch;
        }
        Double value = objective(trial, epoch);
        String figure = value == null ? "no objective" : String.format(Locale.ROOT, "%.4g", value);
        return figure + " at epoch " + epoch + ", rank " + rank + " of " + ranked.size();
    }

    private static Double objective(TrialRecord trial, int epoch) {
        Double value = trial.objectiveAt(epoch);
        return value == null || value.isNaN() ? null : value;
    }
}

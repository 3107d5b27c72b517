package dev.hpo.study.algorithm;

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
        this.ranked = reached.stream().sorted((a, b) -> compare(a, b, epoch, direction)).toList();
    }

    /**
     * The ranking's order without building a ranking: negative when {@code a} ranks before {@code b} at
     * {@code epoch}, so a trial's rank is one more than the number of trials that compare below it.
     */
    static int compare(TrialRecord a, TrialRecord b, int epoch, Direction direction) {
        return compare(objectiveOrNaN(a, epoch), a.number(), objectiveOrNaN(b, epoch), b.number(), direction);
    }

    /** The same order over (objective, trial number) pairs, NaN standing for no objective. */
    static int compare(double x, int a, double y, int b, Direction direction) {
        boolean xMissing = Double.isNaN(x);
        boolean yMissing = Double.isNaN(y);
        if (!xMissing && !yMissing) {
            int byObjective = direction == Direction.MAXIMIZE ? Double.compare(y, x) : Double.compare(x, y);
            if (byObjective != 0) {
                return byObjective;
            }
        } else if (xMissing != yMissing) {
            return xMissing ? 1 : -1;
        }
        return Integer.compare(a, b);
    }

    /** The objective the ranking uses, NaN where there is none. */
    static double objectiveOrNaN(TrialRecord trial, int epoch) {
        Double value = trial.objectiveAt(epoch);
        return value == null ? Double.NaN : value;
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
        return describe(trial, epoch, rankOf(trial), ranked.size());
    }

    /** As {@link #describe(TrialRecord)}, for a rank and field size counted without a ranking. */
    static String describe(TrialRecord trial, int epoch, int rank, int size) {
        if (rank == 0) {
            return "did not reach epoch " + epoch;
        }
        Double value = objective(trial, epoch);
        String figure = value == null ? "no objective" : String.format(Locale.ROOT, "%.4g", value);
        return figure + " at epoch " + epoch + ", rank " + rank + " of " + size;
    }

    private static Double objective(TrialRecord trial, int epoch) {
        Double value = trial.objectiveAt(epoch);
        return value == null || value.isNaN() ? null : value;
    }
}

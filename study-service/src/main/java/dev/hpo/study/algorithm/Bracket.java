package dev.hpo.study.algorithm;

import java.util.List;

/**
 * One run of successive halving: every configuration trains to rung 0's epoch, the best go on to rung 1, and so on
 * up to the last rung, which trains to the study's maximum.
 *
 * @param s     the bracket's number in Hyperband's arithmetic: it has {@code s + 1} rungs, so {@code s} halvings
 * @param rungs from the first (most configurations, fewest epochs) to the last
 */
public record Bracket(int s, List<Rung> rungs) {

    public Bracket {
        rungs = List.copyOf(rungs);
        if (s < 0) {
            throw new IllegalArgumentException("s must be >= 0, was " + s);
        }
        if (rungs.size() != s + 1) {
            throw new IllegalArgumentException("bracket " + s + " needs " + (s + 1) + " rungs, was " + rungs.size());
        }
        for (int i = 1; i < rungs.size(); i++) {
            Rung previous = rungs.get(i - 1);
            Rung rung = rungs.get(i);
            if (rung.epochs() <= previous.epochs()) {
                throw new IllegalArgumentException("rung " + i + " must train beyond epoch " + previous.epochs()
                        + ", was " + rung.epochs());
            }
            if (rung.configs() > previous.configs()) {
                // only configurations of the previous rung can be promoted into this one
                throw new IllegalArgumentException("rung " + i + " must keep at most " + previous.configs()
                        + " configs, was " + rung.configs());
            }
        }
    }

    public Rung rung(int index) {
        return rungs.get(index);
    }

    public int lastRung() {
        return rungs.size() - 1;
    }

    public int maxEpochs() {
        return rungs.get(lastRung()).epochs();
    }

    /** New trials the bracket starts: only rung 0 starts trials, later rungs resume them. */
    public int trials() {
        return rungs.get(0).configs();
    }

    /** Epochs trained, each counted once: a promoted trial trains only from the previous rung's epoch. */
    public long totalEpochs() {
        long total = 0;
        int previousEpochs = 0;
        for (Rung rung : rungs) {
            total += (long) rung.configs() * (rung.epochs() - previousEpochs);
            previousEpochs = rung.epochs();
        }
        return total;
    }
}

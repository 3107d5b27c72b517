package dev.hpo.study.algorithm;

/**
 * One rung of a Hyperband bracket.
 *
 * @param configs how many configurations train in this rung
 * @param epochs  the epoch this rung trains up to, counted from the trial's start: a trial promoted into it resumes
 *                from the previous rung's epoch
 */
public record Rung(int configs, int epochs) {

    public Rung {
        if (configs < 1) {
            throw new IllegalArgumentException("configs must be >= 1, was " + configs);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
    }
}

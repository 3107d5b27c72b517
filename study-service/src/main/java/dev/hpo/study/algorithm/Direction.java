package dev.hpo.study.algorithm;

import java.util.Comparator;

/** Whether a study wants its objective as large or as small as possible. */
public enum Direction {
    MAXIMIZE,
    MINIMIZE;

    /** True when {@code candidate} is strictly better than {@code incumbent}; anything beats {@code null}. */
    public boolean isBetter(double candidate, Double incumbent) {
        return incumbent == null || (this == MAXIMIZE ? candidate > incumbent : candidate < incumbent);
    }

    /** Orders values best first. */
    public Comparator<Double> bestFirst() {
        return this == MAXIMIZE ? Comparator.reverseOrder() : Comparator.naturalOrder();
    }

    public static Direction of(boolean maximize) {
        return maximize ? MAXIMIZE : MINIMIZE;
    }
}

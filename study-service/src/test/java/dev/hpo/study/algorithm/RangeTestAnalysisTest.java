package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import dev.hpo.study.algorithm.RangeTestAnalysis.Point;
import dev.hpo.study.algorithm.RangeTestAnalysis.SuggestedRange;

class RangeTestAnalysisTest {

    /** 1e-6 .. 10 in 141 steps: 20 per decade. */
    private static List<Point> curve(DoubleUnaryOperator lossOfLog10Rate, double explodesAt) {
        List<Point> points = new ArrayList<>();
        for (int k = 0; k <= 140; k++) {
            double log10 = -6 + k / 20.0;
            double rate = Math.pow(10, log10);
            boolean diverged = rate >= explodesAt;
            points.add(new Point(rate, diverged ? null : lossOfLog10Rate.applyAsDouble(log10), diverged));
        }
        return points;
    }

    @Test
    void suggestsFromATenthOfTheSteepestDescentToATenthOfTheDivergence() {
        // flat at 2.3 until 1e-4, falls fastest around 1e-3, lowest near 3e-2, explodes at 0.2
        List<Point> points = curve(x -> 2.3 - 1.5 / (1 + Math.exp(-3 * (x + 3))) + 0.5 * Math.max(0, x + 1.5), 0.2);

        SuggestedRange range = RangeTestAnalysis.suggest(points).orElseThrow();

        assertEquals(1e-3, range.steepestLr(), 1e-3 * 0.2);
        assertEquals(1e-4, range.min(), 1e-4 * 0.2);
        assertEquals(0.02, range.max(), 0.02 * 0.15);
        assertEquals(0.2, range.divergedLr(), 0.03);
        assertTrue(range.min() < 1e-3 && 1e-3 < range.max());
        assertTrue(range.rule().contains("steepest descent"), range.rule());
    }

    @Test
    void withoutDivergenceTheLowestLossBoundsTheRange() {
        List<Point> points = curve(x -> 2.3 - 1.5 / (1 + Math.exp(-3 * (x + 3))), Double.POSITIVE_INFINITY);

        SuggestedRange range = RangeTestAnalysis.suggest(points).orElseThrow();

        assertNull(range.divergedLr());
        assertEquals(points.get(points.size() - 1).learningRate(), range.max(), 1e-9);
        assertTrue(range.min() < range.max());
    }

    @Test
    void aCurveThatExplodesAtOnceHasNoSuggestion() {
        assertEquals(Optional.empty(), RangeTestAnalysis.suggest(curve(x -> 2.3, 1.3e-6)));
    }
}

package dev.hpo.study.service;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.hpo.study.TrialMetric;
import dev.hpo.study.algorithm.RangeTestAnalysis;

/** A range test's stored steps as the curve {@link RangeTestAnalysis} reads: the latest attempt's, in step order. */
public final class RangeTestCurve {

    private RangeTestCurve() {
    }

    public static List<RangeTestAnalysis.Point> points(List<TrialMetric> metrics) {
        int attempt = metrics.stream().mapToInt(m -> m.attempt).max().orElse(0);
        return metrics.stream()
                .filter(m -> m.attempt == attempt)
                .sorted(Comparator.comparingInt(m -> m.epoch))
                .map(m -> {
                    var values = ParamsJson.readMetrics(m.metrics);
                    return new RangeTestAnalysis.Point(values.getOrDefault("learning_rate", Double.NaN),
                            values.get("smoothed_loss"), values.containsKey("diverged"));
                })
                .filter(p -> Double.isFinite(p.learningRate()))
                .toList();
    }

    /** The suggestion of a finished range test's steps. */
    public static Optional<RangeTestAnalysis.SuggestedRange> suggest(List<TrialMetric> metrics) {
        return RangeTestAnalysis.suggest(points(metrics));
    }
}

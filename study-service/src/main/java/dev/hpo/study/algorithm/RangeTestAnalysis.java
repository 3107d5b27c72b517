package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a learning-rate range test's curve (Smith 2017; fastai's LR finder) and suggests the range of learning
 * rates to search: from a tenth of the rate where the smoothed loss falls fastest (per decade of rate), to the
 * lower of the rate with the lowest loss and a tenth of the rate where the loss exploded. Below the first the
 * model barely learns; above the second training is on the edge of diverging.
 */
public final class RangeTestAnalysis {

    /** Points on each side used for the slope, which smooths what the moving average left. */
    private static final int SLOPE_REACH = 2;

    /**
     * One step of the test.
     *
     * @param smoothedLoss {@code null} once the loss has exploded or was not finite
     */
    public record Point(double learningRate, Double smoothedLoss, boolean diverged) {
    }

    /** The suggestion, the rates it was read from, and the rule in words. */
    public record SuggestedRange(double min, double max, double steepestLr, double lowestLossLr, Double divergedLr,
            String rule) {
    }

    private RangeTestAnalysis() {
    }

    /** Empty when the curve has too few measured points to read (fewer than {@code 2 * SLOPE_REACH + 1}). */
    public static Optional<SuggestedRange> suggest(List<Point> points) {
        List<Point> measured = points.stream().filter(p -> !p.diverged() && p.smoothedLoss() != null).toList();
        if (measured.size() < 2 * SLOPE_REACH + 1) {
            return Optional.empty();
        }
        int steepest = -1;
        double steepestSlope = Double.POSITIVE_INFINITY;
        int lowest = 0;
        for (int i = 0; i < measured.size(); i++) {
            if (measured.get(i).smoothedLoss() < measured.get(lowest).smoothedLoss()) {
                lowest = i;
            }
            if (i >= SLOPE_REACH && i + SLOPE_REACH < measured.size()) {
                Point before = measured.get(i - SLOPE_REACH);
                Point after = measured.get(i + SLOPE_REACH);
                double slope = (after.smoothedLoss() - before.smoothedLoss())
                        / (Math.log10(after.learningRate()) - Math.log10(before.learningRate()));
                if (slope < steepestSlope) {
                    steepestSlope = slope;
                    steepest = i;
                }
            }
        }
        double steepestLr = measured.get(steepest).learningRate();
        double lowestLr = measured.get(lowest).learningRate();
        Double divergedLr = points.stream().filter(Point::diverged).map(Point::learningRate).findFirst().orElse(null);
        double max = divergedLr == null ? lowestLr : Math.min(lowestLr, divergedLr / 10);
        double min = steepestLr / 10;
        if (min >= max) {
            min = max / 10;
        }
        String rule = String.format(Locale.ROOT, "from a tenth of the rate of steepest descent (%.3g) to the lower of "
                + "the rate with the lowest loss (%.3g) and a tenth of the rate where the loss exploded (%s)",
                steepestLr, lowestLr, divergedLr == null ? "none within the range" : String.format(Locale.ROOT,
                        "%.3g", divergedLr));
        return Optional.of(new SuggestedRange(min, max, steepestLr, lowestLr, divergedLr, rule));
    }
}

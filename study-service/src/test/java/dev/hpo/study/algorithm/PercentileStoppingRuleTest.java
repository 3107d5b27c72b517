package dev.hpo.study.algorithm;

import static dev.hpo.study.algorithm.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentileStoppingRuleTest {

    /** Running averages at epoch 1: 0.1, 0.2, 0.3, 0.4, 0.5. */
    private static final List<TrialRecord> FIVE_PEERS = List.of(
            trial(0, 0.1), trial(1, 0.2), trial(2, 0.3), trial(3, 0.4), trial(4, 0.5));

    @ParameterizedTest(name = "{0} of [{1}] at percentile {2} is {3}")
    @CsvSource({
            // maximizing: numpy.percentile(values, p)
            "MAXIMIZE, '1 2 3 4 5', 75, 4.0",
            "MAXIMIZE, '1 2 3 4 5', 10, 1.4",
            "MAXIMIZE, '1 2 3 4', 50, 2.5",
            "MAXIMIZE, '1 2 3 4', 10, 1.3",
            "MAXIMIZE, '1 2 3 4', 99.9, 3.997",
            // minimizing: numpy.percentile(values, 100 - p), the worst being the largest
            "MINIMIZE, '1 2 3 4 5', 75, 2.0",
            "MINIMIZE, '1 2 3 4 5', 10, 4.6",
            "MINIMIZE, '1 2 3 4', 50, 2.5",
            "MINIMIZE, '1 2 3 4', 90, 1.3",
            // one value is every percentile
            "MAXIMIZE, '7', 1, 7.0",
            "MINIMIZE, '7', 99, 7.0"})
    void percentileCountedFromTheWorstInterpolatesLinearlyAsNumpy(Direction direction, String values,
            double percentile, double expected) {
        double[] ascending = Arrays.stream(values.split(" ")).mapToDouble(Double::parseDouble).toArray();

        assertEquals(expected, PercentileStoppingRule.percentileFromWorst(ascending, direction, percentile), 1e-12);
    }

    @ParameterizedTest(name = "{0}, best {1}: stops at 25: {2}, at 75: {3}")
    @CsvSource({
            // bars: percentile 25 from the worst is 0.2, percentile 75 is 0.4
            "MAXIMIZE, 0.3, false, true",
            "MAXIMIZE, 0.15, true, true",
            "MAXIMIZE, 0.45, false, false",
            // bars: percentile 25 from the worst is 0.4, percentile 75 is 0.2
            "MINIMIZE, 0.3, false, true",
            "MINIMIZE, 0.45, true, true",
            "MINIMIZE, 0.15, false, false"})
    void aHigherPercentileIsAHigherBar(Direction direction, double best, boolean stopsAt25, boolean stopsAt75) {
        assertEquals(stopsAt25, rule(direction, 25, 5, 0).decide(trial(5, best), 1, FIVE_PEERS).stops());
        assertEquals(stopsAt75, rule(direction, 75, 5, 0).decide(trial(5, best), 1, FIVE_PEERS).stops());
    }

    @Test
    void reasonNamesThePercentileAndTheFiguresCompared() {
        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                new PercentileStoppingRule("val_accuracy", Direction.MAXIMIZE, 62.5, 5, 0)
                        .decide(trial(5, 0.3), 1, FIVE_PEERS));

        assertEquals("percentile", stop.rule());
        assertEquals("best val_accuracy 0.3000 by epoch 1 < 0.3500, percentile 62.5 (from the worst) of 5 other "
                + "trials' running averages over epochs 1-1", stop.reason());
    }

    @Test
    void aTrialExactlyAtThePercentileContinues() {
        // percentile 75 of 0.25, 0.5, 0.75, 1.0, 1.25 from the worst: 1.0 maximizing, 0.5 minimizing
        List<TrialRecord> peers = List.of(trial(0, 0.25), trial(1, 0.5), trial(2, 0.75), trial(3, 1.0), trial(4, 1.25));

        assertFalse(rule(Direction.MAXIMIZE, 75, 5, 0).decide(trial(5, 1.0), 1, peers).stops());
        assertFalse(rule(Direction.MINIMIZE, 75, 5, 0).decide(trial(5, 0.5), 1, peers).stops());
    }

    @Test
    void neverStopsDuringWarmup() {
        List<TrialRecord> peers = List.of(trial(0, 0.9, 0.9), trial(1, 0.9, 0.9));
        PercentileStoppingRule rule = rule(Direction.MAXIMIZE, 10, 2, 1);

        assertFalse(rule.decide(trial(2, 0.1, 0.1), 1, peers).stops());
        assertTrue(rule.decide(trial(2, 0.1, 0.1), 2, peers).stops());
    }

    @Test
    void continuesWithFewerThanMinTrialsToCompare() {
        assertFalse(rule(Direction.MAXIMIZE, 10, 6, 0).decide(trial(5, 0.0), 1, FIVE_PEERS).stops());
        assertTrue(rule(Direction.MAXIMIZE, 10, 5, 0).decide(trial(5, 0.0), 1, FIVE_PEERS).stops());
    }

    @Test
    void missingObjectivesAreLeftOut() {
        List<TrialRecord> peers = List.of(trial(0, null, 0.8), trial(1, 0.8, null), trial(2, null, null));
        PercentileStoppingRule rule = rule(Direction.MAXIMIZE, 90, 2, 0);

        assertFalse(rule.decide(trial(3, 0.8, 0.1), 2, peers).stops(), "both averages are 0.8");
        assertTrue(rule.decide(trial(3, 0.7, 0.1), 2, peers).stops());
        assertFalse(rule.decide(trial(3, 0.7, null), 2, peers).stops(), "no objective this epoch");
    }

    @Test
    void percentile50MakesTheMedianRulesDecisionsOnRandomHistories() {
        int stops = 0;
        int ties = 0;
        for (int seed = 0; seed < 3_000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Direction direction = random.nextBoolean() ? Direction.MAXIMIZE : Direction.MINIMIZE;
            int minTrials = 1 + random.nextInt(4);
            int warmupEpochs = random.nextInt(3);
            int epoch = 1 + random.nextInt(6);
            // a best-so-far tends to beat running averages: handicap the candidate so that both outcomes occur
            boolean coarse = random.nextBoolean();
            double handicap = (direction == Direction.MAXIMIZE ? -1 : 1) * random.nextInt(5) * 0.25;
            TrialRecord candidate = randomCurve(random, 0, epoch, coarse, handicap);
            List<TrialRecord> others = new ArrayList<>();
            // most others have got about as far as the candidate: a few short of it, some beyond
            for (int number = 1, n = 1 + random.nextInt(9); number <= n; number++) {
                others.add(randomCurve(random, number, Math.max(1, epoch - 1 + random.nextInt(4)), coarse, 0));
            }

            StopDecision median = new MedianStoppingRule("m", direction, minTrials, warmupEpochs)
                    .decide(candidate, epoch, others);
            StopDecision fiftieth = new PercentileStoppingRule("m", direction, 50, minTrials, warmupEpochs)
                    .decide(candidate, epoch, others);

            assertEquals(median.stops(), fiftieth.stops(), "seed " + seed);
            double[] averages = LearningCurves.peerAverages(candidate, epoch, others);
            if (averages.length > 0) {
                assertEquals(MedianStoppingRule.median(averages),
                        PercentileStoppingRule.percentileFromWorst(averages, direction, 50), 0.0,
                        "the bars agree to the last bit, seed " + seed);
            }
            stops += median.stops() ? 1 : 0;
            ties += isTie(candidate, epoch, others, direction) ? 1 : 0;
        }
        assertTrue(stops > 400 && stops < 2_600, "both outcomes are exercised: " + stops + " stops");
        assertTrue(ties > 40, "ties with the median are exercised: " + ties);
    }

    /**
     * Objectives on a coarse grid, so that ties with the median and midpoints of two averages are frequent, or
     * continuous; now and then missing or NaN. The handicap, a multiple of the grid step, is added to every value.
     */
    private static TrialRecord randomCurve(SplittableRandom random, int number, int epochs, boolean coarse,
            double handicap) {
        Double[] objectives = new Double[epochs];
        for (int e = 0; e < epochs; e++) {
            double roll = random.nextDouble();
            objectives[e] = roll < 0.08 ? null : roll < 0.1 ? Double.NaN
                    : handicap + (coarse ? random.nextInt(5) * 0.25 : random.nextDouble(-3, 3));
        }
        return trial(number, objectives);
    }

    private static boolean isTie(TrialRecord candidate, int epoch, List<TrialRecord> others, Direction direction) {
        Double best = LearningCurves.bestUpTo(candidate, epoch, direction);
        double[] averages = LearningCurves.peerAverages(candidate, epoch, others);
        return best != null && averages.length > 0 && best == MedianStoppingRule.median(averages);
    }

    private static PercentileStoppingRule rule(Direction direction, double percentile, int minTrials,
            int warmupEpochs) {
        return new PercentileStoppingRule("objective", direction, percentile, minTrials, warmupEpochs);
    }

    @ParameterizedTest(name = "percentile {0}, minTrials {1}, warmupEpochs {2}: {3}")
    @CsvSource({
            "0, 1, 0, 'percentile must be > 0 and < 100, was 0.0'",
            "100, 1, 0, 'percentile must be > 0 and < 100, was 100.0'",
            "-5, 1, 0, 'percentile must be > 0 and < 100, was -5.0'",
            "NaN, 1, 0, 'percentile must be > 0 and < 100, was NaN'",
            "50, 0, 0, 'minTrials must be >= 1, was 0'",
            "50, 1, -2, 'warmupEpochs must be >= 0, was -2'"})
    void rejectsBadSettingsNamingTheValue(double percentile, int minTrials, int warmupEpochs, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> new PercentileStoppingRule(
                "val_loss", Direction.MINIMIZE, percentile, minTrials, warmupEpochs)).getMessage());
    }
}

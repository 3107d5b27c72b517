package dev.hpo.study.algorithm;

import static dev.hpo.study.algorithm.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatienceStoppingRuleTest {

    @ParameterizedTest(name = "{0}, patience {1}, min_delta {2}: [{3}] stops at epoch {4}")
    @CsvSource({
            // two epochs without a new low
            "MINIMIZE, 2, 0, '1.0 0.9 0.95 0.92 0.8', 4",
            // the new low at epoch 5 comes within a patience of 3
            "MINIMIZE, 3, 0, '1.0 0.9 0.95 0.92 0.8', 0",
            "MAXIMIZE, 2, 0, '0.1 0.1 0.2 0.2 0.2', 5",
            // an equal value is no improvement
            "MAXIMIZE, 1, 0, '0.5 0.5', 2",
            // gains within min_delta are no improvement
            "MAXIMIZE, 2, 0.01, '0.5 0.505 0.509', 3",
            // exactly min_delta better is no improvement either (0.75 + 0.25 is not < 1.0)
            "MINIMIZE, 1, 0.25, '1.0 0.75', 2",
            "MINIMIZE, 1, 0.25, '1.0 0.7', 0",
            // the reference is the last improvement, 0.5: 0.516 beats it by more than 0.01 although it beats the
            // best value seen, 0.508, by less
            "MAXIMIZE, 2, 0.01, '0.5 0.508 0.516 0.52 0.524', 5",
            // missing epochs are not waited for
            "MINIMIZE, 2, 0, '1.0 null null 1.1 1.2', 5",
            "MINIMIZE, 2, 0, '1.0 null null 1.1 null', 0",
            // NaN is never an improvement but is waited for: a diverged run stops
            "MINIMIZE, 2, 0, '1.0 NaN NaN', 3",
            // a NaN first leaves the best at infinity, so the next value improves on it
            "MAXIMIZE, 2, 0, 'NaN 0.3 0.2 0.1', 4",
            // never on the first epoch, even with nothing to improve on
            "MAXIMIZE, 1, 0, 'NaN', 0",
            "MAXIMIZE, 1, 0, 'NaN NaN', 2"})
    void stopsAsKerasEarlyStoppingWould(Direction direction, int patience, double minDelta, String curve,
            int stopEpoch) {
        PatienceStoppingRule rule = new PatienceStoppingRule("objective", direction, patience, minDelta);

        assertEquals(stopEpoch, Curves.firstStop(rule, Curves.parse(0, curve), List.of()));
    }

    @Test
    void reasonGivesTheLastImprovementTheMinDeltaAndTheWait() {
        PatienceStoppingRule rule = new PatienceStoppingRule("val_loss", Direction.MINIMIZE, 2, 0.001);

        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                rule.decide(trial(0, 1.0, 0.9, 0.8995, 0.95), 4, List.of()));
        assertEquals("patience", stop.rule());
        assertEquals("val_loss has not improved by more than 0.001 on 0.9000 (epoch 2) for 2 reported epochs, "
                + "patience 2", stop.reason());
    }

    @Test
    void reasonSaysWhenNothingEverCountedAsAnImprovement() {
        PatienceStoppingRule rule = new PatienceStoppingRule("val_loss", Direction.MINIMIZE, 2, 0);

        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                rule.decide(trial(0, Double.NaN, Double.NaN), 2, List.of()));
        assertEquals("no value of val_loss has counted as an improvement for 2 reported epochs, patience 2",
                stop.reason());
    }

    @Test
    void decidesOnEpochsUpToTheOneReportedOnly() {
        TrialRecord trial = trial(0, 0.5, 0.4, 0.3, 0.9);
        PatienceStoppingRule rule = new PatienceStoppingRule("val_accuracy", Direction.MAXIMIZE, 2, 0);

        assertTrue(rule.decide(trial, 3, List.of()).stops(), "epochs 2 and 3 fall below 0.5");
        assertFalse(rule.decide(trial, 4, List.of()).stops(), "epoch 4 is a new best");
    }

    @Test
    void keepsSayingStopOnceThePatienceIsSpent() {
        TrialRecord trial = trial(0, 0.5, 0.4, 0.4, 0.4, 0.4);
        PatienceStoppingRule rule = new PatienceStoppingRule("val_accuracy", Direction.MAXIMIZE, 2, 0);

        for (int epoch = 3; epoch <= 5; epoch++) {
            assertTrue(rule.decide(trial, epoch, List.of()).stops(), "epoch " + epoch);
        }
    }

    @Test
    void otherTrialsDoNotMatter() {
        PatienceStoppingRule rule = new PatienceStoppingRule("val_accuracy", Direction.MAXIMIZE, 1, 0);
        TrialRecord improving = trial(0, 0.1, 0.2);

        assertFalse(rule.decide(improving, 2, List.of(trial(1, 0.9, 0.95), trial(2, 0.99))).stops());
    }

    @Test
    void matchesAnOnlineKerasStyleCounterOnRandomCurves() {
        int stopped = 0;
        for (int seed = 0; seed < 2_000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Direction direction = random.nextBoolean() ? Direction.MAXIMIZE : Direction.MINIMIZE;
            int patience = 1 + random.nextInt(4);
            double minDelta = random.nextInt(3) * 0.05;
            Double[] curve = new Double[1 + random.nextInt(12)];
            for (int e = 0; e < curve.length; e++) {
                double roll = random.nextDouble();
                curve[e] = roll < 0.1 ? null : roll < 0.15 ? Double.NaN : random.nextInt(20) * 0.05;
            }
            int expected = kerasStopEpoch(direction, patience, minDelta, curve);

            assertEquals(expected, Curves.firstStop(new PatienceStoppingRule("m", direction, patience, minDelta),
                    trial(0, curve), List.of()), "seed " + seed);
            stopped += expected > 0 ? 1 : 0;
        }
        assertTrue(stopped > 200 && stopped < 1_800, "both outcomes are exercised: " + stopped + " stopped");
    }

    /**
     * Keras' {@code EarlyStopping.on_epoch_end} transcribed: state carried from epoch to epoch, 0-based epochs,
     * returns the 1-based epoch at which it sets {@code stop_training}, or 0.
     */
    private static int kerasStopEpoch(Direction direction, int patience, double minDelta, Double[] curve) {
        boolean less = direction == Direction.MINIMIZE;
        double signedDelta = less ? -minDelta : minDelta;
        double best = less ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        int wait = 0;
        for (int epoch = 0; epoch < curve.length; epoch++) {
            Double current = curve[epoch];
            if (current == null) {
                continue;
            }
            wait++;
            double shifted = current - signedDelta;
            if (less ? shifted < best : shifted > best) {
                best = current;
                wait = 0;
                continue;
            }
            if (wait >= patience && epoch > 0) {
                return epoch + 1;
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "patience {0}, minDelta {1}: {2}")
    @CsvSource({
            "0, 0, 'patience must be >= 1, was 0'",
            "-1, 0, 'patience must be >= 1, was -1'",
            "3, -0.01, 'minDelta must be a finite number >= 0, was -0.01'",
            "3, NaN, 'minDelta must be a finite number >= 0, was NaN'",
            "3, Infinity, 'minDelta must be a finite number >= 0, was Infinity'"})
    void rejectsBadSettingsNamingTheValue(int patience, double minDelta, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new PatienceStoppingRule("val_loss", Direction.MINIMIZE, patience, minDelta)).getMessage());
    }
}

package dev.hpo.study.algorithm;

import static dev.hpo.study.algorithm.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MedianStoppingRuleTest {

    /** Running averages over epochs 1-3: 0.7, 0.8, 0.85, so the median is 0.8. */
    private static final List<TrialRecord> ACCURACY_PEERS = List.of(
            trial(0, 0.6, 0.7, 0.8),
            trial(1, 0.7, 0.8, 0.9),
            trial(2, 0.8, 0.85, 0.9));

    private static MedianStoppingRule accuracyRule(int minTrials, int warmupEpochs) {
        return new MedianStoppingRule("val_accuracy", Direction.MAXIMIZE, minTrials, warmupEpochs);
    }

    @Test
    void stopsTrialWhoseBestIsBelowTheMedianOfRunningAverages() {
        StopDecision decision = accuracyRule(3, 0).decide(trial(3, 0.5, 0.6, 0.65), 3, ACCURACY_PEERS);

        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class, decision);
        assertEquals("median", stop.rule());
        assertEquals("best val_accuracy 0.6500 by epoch 3 < median 0.8000 of 3 other trials' running averages "
                + "over epochs 1-3", stop.reason());
    }

    @Test
    void comparesTheTrialsBestNotItsAverage() {
        // its average, 0.64, is far below the median 0.8; its best, 0.81, is above
        assertFalse(accuracyRule(3, 0).decide(trial(3, 0.5, 0.61, 0.81), 3, ACCURACY_PEERS).stops());
    }

    @Test
    void minimizingStopsTrialWhoseBestLossIsAboveTheMedian() {
        List<TrialRecord> peers = List.of(trial(0, 1.0, 0.5), trial(1, 0.75, 0.25), trial(2, 2.0, 1.0));
        MedianStoppingRule rule = new MedianStoppingRule("val_loss", Direction.MINIMIZE, 3, 0);

        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                rule.decide(trial(3, 1.0, 0.875), 2, peers));
        assertEquals("best val_loss 0.8750 by epoch 2 > median 0.7500 of 3 other trials' running averages "
                + "over epochs 1-2", stop.reason());
        assertFalse(rule.decide(trial(3, 1.0, 0.625), 2, peers).stops(), "0.625 is below the median loss");
    }

    @ParameterizedTest(name = "{0}: best {1} against median 0.75 stops: {2}")
    @CsvSource({
            "MAXIMIZE, 0.75, false",
            "MAXIMIZE, 0.5, true",
            "MAXIMIZE, 1.0, false",
            "MINIMIZE, 0.75, false",
            "MINIMIZE, 1.0, true",
            "MINIMIZE, 0.5, false"})
    void aTrialExactlyAtTheMedianContinues(Direction direction, double best, boolean stops) {
        // running averages 0.5, 0.75 and 1.0, all exact in binary
        List<TrialRecord> peers = List.of(trial(0, 0.5, 0.5), trial(1, 0.5, 1.0), trial(2, 1.0, 1.0));
        TrialRecord candidate = direction == Direction.MAXIMIZE ? trial(3, 0.25, best) : trial(3, 1.5, best);

        assertEquals(stops, new MedianStoppingRule("objective", direction, 3, 0).decide(candidate, 2, peers).stops());
    }

    @Test
    void anEvenCountTakesTheMeanOfTheTwoMiddleAverages() {
        List<TrialRecord> peers = List.of(trial(0, 0.25), trial(1, 0.5), trial(2, 1.0), trial(3, 1.0));

        assertFalse(accuracyRule(4, 0).decide(trial(4, 0.75), 1, peers).stops(), "0.75 is the median");
        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                accuracyRule(4, 0).decide(trial(4, 0.74), 1, peers));
        assertTrue(stop.reason().contains("median 0.7500 of 4 other trials'"), stop.reason());
    }

    @Test
    void aPeerWhoseAverageIsNoNumberIsLeftOutAsOneThatReportedNothing() {
        // +∞ and -∞ average to NaN: it would otherwise sit in the middle of the ranking (sorted last) or be the median
        List<TrialRecord> peers = List.of(trial(0, 0.25, 0.25), trial(1, 0.5, 0.5), trial(2, 1.0, 1.0),
                trial(3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), trial(4, null, null));

        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                accuracyRule(3, 0).decide(trial(5, 0.4, 0.45), 2, peers));
        assertTrue(stop.reason().contains("median 0.5000 of 3 other trials'"), stop.reason());
    }

    @Test
    void neverStopsDuringWarmup() {
        TrialRecord poor = trial(3, 0.1, 0.1, 0.1);
        MedianStoppingRule rule = accuracyRule(3, 2);

        assertFalse(rule.decide(poor, 1, ACCURACY_PEERS).stops());
        assertFalse(rule.decide(poor, 2, ACCURACY_PEERS).stops());
        assertTrue(rule.decide(poor, 3, ACCURACY_PEERS).stops(), "epoch 3 is the first after a warm-up of 2");
    }

    @Test
    void continuesWithFewerThanMinTrialsToCompare() {
        TrialRecord poor = trial(3, 0.1, 0.1, 0.1);

        assertFalse(accuracyRule(4, 0).decide(poor, 3, ACCURACY_PEERS).stops());
        assertTrue(accuracyRule(3, 0).decide(poor, 3, ACCURACY_PEERS).stops());
    }

    @Test
    void onlyTrialsThatReachedTheEpochCountInAnyState() {
        List<TrialRecord> peers = List.of(
                Curves.trialIn(TrialState.FINISHED, 0, 0.9, 0.9),
                Curves.trialIn(TrialState.PAUSED, 1, 0.9, 0.9),
                trial(2, 0.95)); // still training, only one epoch reported
        TrialRecord poor = trial(3, 0.5, 0.5);

        assertFalse(accuracyRule(3, 0).decide(poor, 2, peers).stops(), "two peers have reached epoch 2");
        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                accuracyRule(2, 0).decide(poor, 2, peers));
        assertTrue(stop.reason().contains("median 0.9000 of 2 other trials'"), stop.reason());
    }

    @Test
    void laterEpochsOfOtherTrialsAreNotAveraged() {
        // at epoch 1 the peers' averages are 0.2, 0.3 and 0.4; their later epochs would lift them above 0.9
        List<TrialRecord> peers = List.of(trial(0, 0.2, 1.0, 1.0), trial(1, 0.3, 1.0, 1.0), trial(2, 0.4, 1.0, 1.0));

        assertFalse(accuracyRule(3, 0).decide(trial(3, 0.35), 1, peers).stops());
        assertTrue(accuracyRule(3, 0).decide(trial(3, 0.25), 1, peers).stops());
    }

    @Test
    void laterEpochsOfTheTrialItselfAreNotConsidered() {
        // asked about epoch 1 of a curve that already holds a better epoch 2
        assertTrue(accuracyRule(3, 0).decide(trial(3, 0.1, 0.99), 1, List.of(
                trial(0, 0.5), trial(1, 0.5), trial(2, 0.5))).stops());
    }

    @Test
    void missingObjectivesAreLeftOutOfAveragesAndBest() {
        List<TrialRecord> peers = List.of(
                trial(0, null, 1.0), // average 1.0, not 0.5
                trial(1, 0.8, null), // average 0.8
                trial(2, null, null), // nothing to average: does not count
                trial(3, 0.6, Double.NaN)); // average 0.6
        MedianStoppingRule rule = accuracyRule(3, 0);

        assertFalse(rule.decide(trial(4, 0.8, null, 0.1), 3, peers).stops(), "no other trial has reached epoch 3");
        assertFalse(rule.decide(trial(4, 0.8, 0.1), 2, peers).stops(), "best 0.8 equals the median 0.8");
        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class, rule.decide(trial(4, 0.7, 0.1), 2, peers));
        assertTrue(stop.reason().contains("0.7000 by epoch 2 < median 0.8000 of 3 other"), stop.reason());
    }

    @Test
    void aReportWithoutTheObjectiveNeverStops() {
        assertFalse(accuracyRule(3, 0).decide(trial(3, 0.1, 0.1, null), 3, ACCURACY_PEERS).stops());
        assertFalse(accuracyRule(3, 0).decide(trial(3, 0.1, 0.1, Double.NaN), 3, ACCURACY_PEERS).stops());
    }

    @Test
    void theTrialItselfAmongOthersIsNotItsOwnPeer() {
        TrialRecord poor = trial(3, 0.1, 0.1, 0.1);
        List<TrialRecord> withItself = List.of(ACCURACY_PEERS.get(0), ACCURACY_PEERS.get(1), poor);

        assertFalse(accuracyRule(3, 0).decide(poor, 3, withItself).stops());
    }

    @Test
    void showsBothFiguresInFullWhenFourDecimalsWouldPrintThemAlike() {
        List<TrialRecord> peers = List.of(trial(0, 0.80004), trial(1, 0.80004), trial(2, 0.80004));

        StopDecision.Stop stop = assertInstanceOf(StopDecision.Stop.class,
                accuracyRule(3, 0).decide(trial(3, 0.80001), 1, peers));
        assertTrue(stop.reason().contains("0.80001 by epoch 1 < median 0.80004"), stop.reason());
    }

    @ParameterizedTest(name = "minTrials {0}, warmupEpochs {1}: {2}")
    @CsvSource({
            "0, 0, 'minTrials must be >= 1, was 0'",
            "-3, 0, 'minTrials must be >= 1, was -3'",
            "1, -1, 'warmupEpochs must be >= 0, was -1'"})
    void rejectsBadSettingsNamingTheValue(int minTrials, int warmupEpochs, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new MedianStoppingRule("val_loss", Direction.MINIMIZE, minTrials, warmupEpochs)).getMessage());
    }

    @Test
    void rejectsAMissingObjectiveNameOrDirection() {
        assertThrows(IllegalArgumentException.class, () -> new MedianStoppingRule(" ", Direction.MINIMIZE, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MedianStoppingRule("val_loss", null, 1, 0));
    }
}

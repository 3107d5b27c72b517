package dev.hpo.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;

class LearningCurvesTest {

    private static final StudySummary STUDY = new StudySummary("s", "s", "RUNNING", "random",
            new StudySummary.Objective("val_accuracy", "maximize"), 0, 1, 3, null, null,
            new StudySummary.Best("t7", 7, 0.99, 1, null), null, null, null, null, null);

    private static Trial trial(int number, String status, double... values) {
        List<Trial.Epoch> epochs = new ArrayList<>();
        double best = 0;
        for (int i = 0; i < values.length; i++) {
            epochs.add(new Trial.Epoch(1, i + 1, Map.of("val_accuracy", values[i]), 1));
            best = Math.max(best, values[i]);
        }
        return new Trial("t" + number, number, status, null, 1, 0, null, Map.of(), values.length == 0 ? null : best,
                null, values.length, 3, null, null, null, null, epochs, List.of());
    }

    @Test
    void theLatestAttemptsValueStandsForAnEpochTrainedTwice() {
        Trial t = new Trial("t", 0, "RUNNING", null, 2, 0, null, Map.of(), 0.5, 2, 2, 3, null, null, null, null,
                List.of(new Trial.Epoch(1, 1, Map.of("val_accuracy", 0.3), 1),
                        new Trial.Epoch(2, 1, Map.of("val_accuracy", 0.4), 1),
                        new Trial.Epoch(1, 2, Map.of("val_accuracy", 0.5), 1)),
                List.of());
        List<double[]> points = LearningCurves.points(t, "val_accuracy");
        assertArrayEquals(new double[] {1, 0.4}, points.get(0));
        assertArrayEquals(new double[] {2, 0.5}, points.get(1));
    }

    @Test
    void aLimitKeepsRunningTrialsAndTheBestThenTheBestOthers() {
        List<Trial> trials = List.of(trial(0, "COMPLETED", 0.5), trial(1, "COMPLETED", 0.9),
                trial(2, "RUNNING", 0.1), trial(3, "COMPLETED", 0.8), trial(4, "QUEUED"), trial(7, "COMPLETED", 0.2));
        LearningCurves curves = LearningCurves.of(STUDY, trials, 3);
        assertEquals(5, curves.trials(), "trials that reported");
        assertEquals(List.of(1, 2, 7), curves.lines().stream().map(LearningCurves.Line::number).toList());
        assertEquals(List.of(false, false, true), curves.lines().stream().map(LearningCurves.Line::best).toList());
    }

    @Test
    void prunedTrialsAreMarked() {
        LearningCurves curves = LearningCurves.of(STUDY, List.of(trial(0, "PRUNED", 0.1, 0.2)), 10);
        assertEquals(true, curves.lines().get(0).pruned());
    }
}

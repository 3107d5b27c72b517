package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommonBudgetTest {

    @Test
    void scoresAtTheLargestEpochEnoughTrialsHaveReported() {
        // A Hyperband bracket: six trials stopped after epoch 1, three went on to epoch 3.
        List<TrialRecord> trials = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            trials.add(trial(n, n < 3 ? List.of(1.0 * n, 2.0 * n, 3.0 * n) : List.of(1.0 * n)));
        }

        assertEquals(1, CommonBudget.largestEpochReportedBy(trials, 4));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), scores(CommonBudget.scores(trials, 4)));
        assertEquals(3, CommonBudget.largestEpochReportedBy(trials, 3));
        assertEquals(List.of(0.0, 3.0, 6.0), scores(CommonBudget.scores(trials, 3)));
    }

    @Test
    void missingAndNonFiniteObjectivesDoNotCount() {
        List<TrialRecord> trials = List.of(
                trial(0, List.of(1.0)),
                trial(1, Arrays.asList((Double) null)),
                trial(2, List.of(Double.NaN)),
                trial(3, List.of(Double.POSITIVE_INFINITY)),
                trial(4, List.of()));

        assertEquals(0, CommonBudget.largestEpochReportedBy(trials, 2));
        assertEquals(List.of(), CommonBudget.scores(trials, 2));
        assertEquals(List.of(1.0), scores(CommonBudget.scores(trials, 1)));
    }

    private static TrialRecord trial(int number, List<Double> objectives) {
        return new TrialRecord(number, Map.of("x", number), TrialState.PAUSED, 0, objectives.size(), objectives);
    }

    private static List<Double> scores(List<CommonBudget.ScoredTrial> scored) {
        return scored.stream().map(CommonBudget.ScoredTrial::score).toList();
    }
}

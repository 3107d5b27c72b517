package dev.hpo.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;

class BracketTableTest {

    private static final StudySummary.Objective MAXIMIZE = new StudySummary.Objective("acc", "maximize");

    private static StudySummary study(StudySummary.Plan plan) {
        return new StudySummary("s", "s", "RUNNING", "hyperband", MAXIMIZE, 0, 1, 9, null, null, null, null, null,
                null, plan, null);
    }

    private static Trial trial(int number, int bracket, String status, Double value, String... reasons) {
        List<Trial.Transition> timeline = Arrays.stream(reasons)
                .map(r -> new Trial.Transition(Instant.EPOCH, null, status, r)).toList();
        return new Trial("t" + number, number, status, reasons.length == 0 ? null : reasons[reasons.length - 1], 1,
                bracket, null, Map.of(), value, null, 0, 0, null, null, null, null, List.of(), timeline);
    }

    private static final StudySummary.Plan PLAN = new StudySummary.Plan(6, 30, List.of(
            new StudySummary.Bracket(List.of(new StudySummary.Rung(4, 1), new StudySummary.Rung(2, 3),
                    new StudySummary.Rung(1, 9))),
            new StudySummary.Bracket(List.of(new StudySummary.Rung(2, 9)))), List.of());

    @Test
    void eachRungListsTheTrialsThatReachedItWithWhatBecameOfThem() {
        BracketTable table = BracketTable.of(study(PLAN), List.of(
                trial(0, 0, "RUNNING", 0.9, "promoted to rung 1 (epoch 3): rank 1", "promoted to rung 2 (epoch 9): rank 1"),
                trial(1, 0, "COMPLETED", 0.8, "promoted to rung 1 (epoch 3): rank 2", "not promoted from rung 1"),
                trial(2, 0, "PAUSED", 0.7),
                trial(3, 0, "PRUNED", 0.1),
                trial(4, 1, "QUEUED", null)));
        List<BracketTable.Rung> rungs = table.brackets().get(0).rungs();
        assertEquals(List.of("promoted", "promoted", "waiting", "pruned"),
                rungs.get(0).trials().stream().map(BracketTable.Entry::outcome).toList());
        assertEquals(2, rungs.get(0).promoted());
        assertEquals(List.of("promoted", "not-promoted"),
                rungs.get(1).trials().stream().map(BracketTable.Entry::outcome).toList());
        assertEquals(List.of("training"), rungs.get(2).trials().stream().map(BracketTable.Entry::outcome).toList());
        assertTrue(rungs.get(2).last());
        assertEquals("promoted to rung 2 (epoch 9): rank 1", rungs.get(1).trials().get(0).reason());
        assertEquals(List.of(4), table.brackets().get(1).rungs().get(0).trials().stream()
                .map(BracketTable.Entry::number).toList());
    }

    @Test
    void rungTenIsNotRungOne() {
        Trial far = trial(0, 0, "RUNNING", 0.9, "promoted to rung 10 (epoch 99)");
        assertEquals(10, BracketTable.rungOf(far));
    }

    @Test
    void studiesWithoutBracketsHaveAnEmptyTable() {
        assertTrue(BracketTable.of(study(new StudySummary.Plan(3, 9, null, null)), List.of()).isEmpty());
        assertTrue(BracketTable.of(study(null), List.of()).isEmpty());
    }
}

package dev.hpo.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.client.StudySummary;

class RungEpochsTest {

    private static StudySummary study(StudySummary.Algorithm algorithm, StudySummary.Plan plan) {
        return new StudySummary("s", "s", "RUNNING", algorithm.type(), null, 0, 1, 27, null, null, null, null, null,
                new StudySummary.Spec(algorithm, null, null, null, null), plan, null);
    }

    @Test
    void hyperbandRungsComeFromThePlansBracketsWithoutTheFinalEpoch() {
        StudySummary.Plan plan = new StudySummary.Plan(0, 0, List.of(
                new StudySummary.Bracket(List.of(new StudySummary.Rung(9, 1), new StudySummary.Rung(3, 3),
                        new StudySummary.Rung(1, 9))),
                new StudySummary.Bracket(List.of(new StudySummary.Rung(3, 3), new StudySummary.Rung(1, 9)))), null);
        assertEquals(List.of(1, 3), RungEpochs.of(study(new StudySummary.Algorithm("hyperband", 9, 3, 1, 1, null),
                plan)));
    }

    @Test
    void ashaRungsAreMinEpochsTimesPowersOfTheFactor() {
        assertEquals(List.of(1, 3, 9), RungEpochs.of(study(new StudySummary.Algorithm("asha", 27, 3, null, 1, null),
                null)));
        assertEquals(List.of(2, 8), RungEpochs.of(study(new StudySummary.Algorithm("asha", 20, 4, null, 2, null),
                null)));
    }

    @Test
    void otherAlgorithmsHaveNoRungs() {
        assertEquals(List.of(), RungEpochs.of(study(new StudySummary.Algorithm("random", null, null, null, null,
                null), new StudySummary.Plan(3, 9, null, null))));
    }
}

package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The schedules as functions of (updates so far, epoch), against values worked out by hand. */
class LearningRateScheduleTest {

    private static final double EXACT = 1e-15;

    @Test
    void constantIgnoresStepAndEpoch() {
        LearningRateSchedule schedule = new LearningRateSchedule.Constant(0.01);

        assertEquals(0.01, schedule.rate(0, 1));
        assertEquals(0.01, schedule.rate(123_456, 40));
    }

    @Test
    void exponentialDecaysSmoothlyFromTheFirstUpdate() {
        LearningRateSchedule schedule = new LearningRateSchedule.Exponential(0.1, 10, 0.5, false);

        assertEquals(0.1, schedule.rate(0, 1), EXACT, "the first update (step 0) uses the initial rate");
        assertEquals(0.07071067811865477, schedule.rate(5, 1), EXACT, "0.1 * 0.5^0.5");
        assertEquals(0.05, schedule.rate(10, 1), EXACT, "0.1 * 0.5^1");
        assertEquals(0.03535533905932738, schedule.rate(15, 2), EXACT, "0.1 * 0.5^1.5");
    }

    @Test
    void exponentialWithStaircaseDecaysEveryDecayStepsUpdates() {
        LearningRateSchedule schedule = new LearningRateSchedule.Exponential(0.1, 10, 0.5, true);

        assertEquals(0.1, schedule.rate(0, 1), EXACT);
        assertEquals(0.1, schedule.rate(9, 1), EXACT, "floor(9 / 10) = 0");
        assertEquals(0.05, schedule.rate(10, 1), EXACT);
        assertEquals(0.05, schedule.rate(19, 2), EXACT);
        assertEquals(0.025, schedule.rate(20, 2), EXACT);
    }

    @Test
    void stepByEpochAnnealsAfterEachBoundaryEpoch() {
        LearningRateSchedule schedule = new LearningRateSchedule.StepByEpoch(List.of(2, 4),
                List.of(1e-2, 1e-3, 1e-5));

        assertEquals(1e-2, schedule.rate(0, 1));
        assertEquals(1e-2, schedule.rate(900, 2), "epochs 1-2");
        assertEquals(1e-3, schedule.rate(901, 3), "epochs 3-4");
        assertEquals(1e-3, schedule.rate(2000, 4));
        assertEquals(1e-5, schedule.rate(2001, 5), "after the last boundary");
        assertEquals(1e-5, schedule.rate(99_999, 50));
    }

    @Test
    void stepByEpochNeedsOneMoreValueThanBoundaries() {
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule.StepByEpoch(List.of(2, 4), List.of(1e-2, 1e-3)));
    }
}

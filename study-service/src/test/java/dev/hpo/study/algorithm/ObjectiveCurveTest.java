package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ObjectiveCurveTest {

    @Test
    void runningAverageIsTheLoopOverEpochsToTheLastBit() {
        SplittableRandom random = new SplittableRandom(11);
        int compared = 0;
        for (int curve = 0; curve < 2_000; curve++) {
            List<Double> objectives = new ArrayList<>();
            int epochs = random.nextInt(0, 60);
            for (int e = 0; e < epochs; e++) {
                double roll = random.nextDouble();
                objectives.add(roll < 0.05 ? null : roll < 0.08 ? Double.NaN : random.nextDouble(-1e3, 1e3)
                        * Math.pow(10, random.nextInt(-12, 12)));
            }
            ObjectiveCurve of = ObjectiveCurve.of(objectives);
            for (int epoch = -1; epoch <= epochs + 2; epoch++) {
                Double expected = averageByLoop(objectives, epoch);
                double actual = of.runningAverage(epoch);
                if (expected == null) {
                    assertTrue(Double.isNaN(actual), "curve " + curve + ", epoch " + epoch + ": " + actual);
                } else {
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                            "curve " + curve + ", epoch " + epoch + ": " + expected + " vs " + actual);
                    compared++;
                }
            }
        }
        assertTrue(compared > 30_000, "averages compared: " + compared);
    }

    @Test
    void isTheListItWasMadeOfAndCannotBeChanged() {
        List<Double> objectives = Arrays.asList(0.5, null, Double.NaN, 0.75);
        ObjectiveCurve curve = ObjectiveCurve.of(objectives);

        assertEquals(objectives, curve);
        assertEquals(objectives.hashCode(), curve.hashCode());
        assertEquals(0.625, curve.runningAverage(4));
        assertSame(curve, ObjectiveCurve.of(curve));
        assertThrows(UnsupportedOperationException.class, () -> curve.set(0, 1.0));
        assertThrows(UnsupportedOperationException.class, () -> curve.add(1.0));
        objectives.set(0, 0.0);
        assertEquals(0.5, curve.get(0), "a copy, not a view of the caller's list");
    }

    @Test
    void aTrialRecordKeepsItsCurveThroughAChangeOfState() {
        TrialRecord record = new TrialRecord(0, java.util.Map.of(), TrialState.ACTIVE, 0, 3, List.of(0.1, 0.2));

        assertSame(record.objectives(), record.withState(TrialState.PAUSED).objectives());
    }

    /** What the stopping rules computed before the curve kept its sums. */
    private static Double averageByLoop(List<Double> objectives, int epoch) {
        double sum = 0;
        int count = 0;
        for (int e = 1; e <= epoch; e++) {
            Double value = e <= objectives.size() ? objectives.get(e - 1) : null;
            if (value != null && !value.isNaN()) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }
}

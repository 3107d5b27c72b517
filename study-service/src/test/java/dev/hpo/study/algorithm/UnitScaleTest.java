package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitScaleTest {

    @Test
    void anEvenGridWidensByHalfAStepOnEachSideAsOptunaDoes() {
        UnitScale units = UnitScale.of(new IntParameter("units", 32, 512, 32, Sampling.LINEAR));
        double halfStep = 0.5 / 15;

        assertTrue(units.isGrid());
        assertEquals(-halfStep, units.low(), 1e-12);
        assertEquals(1 + halfStep, units.high(), 1e-12);
        assertEquals(32, units.gridValue(units.cellOf(-0.03)));
        assertEquals(64, units.gridValue(units.cellOf(1.0 / 15 + 0.03)));
        assertEquals(512, units.gridValue(units.cellOf(1.03)));
    }

    @Test
    void aLogGridHasEqualCellsPerDecade() {
        UnitScale rate = UnitScale.of(new FloatParameter("learning_rate", 1e-4, 1e-1, 10.0, Sampling.LOG));

        assertEquals(1.0 / 3, rate.toUnit(1e-3), 1e-12);
        assertEquals(1.0 / 3, rate.cellHigh(1) - rate.cellLow(1), 1e-12);
        assertEquals(1e-3, rate.gridValue(rate.cellOf(0.45)));
    }

    @Test
    void continuousValuesComeBackInsideTheRangeRoundedWhereNeeded() {
        UnitScale rate = UnitScale.of(new FloatParameter("learning_rate", 1e-5, 1e-1, null, Sampling.LOG));
        UnitScale seed = UnitScale.of(new IntParameter("seed", 0, 10_000_000, 1, Sampling.LINEAR));

        assertFalse(rate.isGrid());
        assertEquals(1e-3, (Double) rate.continuousValue(0.5), 1e-15);
        assertEquals(1e-1, (Double) rate.continuousValue(1.2), 1e-15);
        assertEquals(5_000_000, seed.continuousValue(0.5));
    }

    @Test
    void valuesThisParameterCannotHaveAreNotANumber() {
        UnitScale momentum = UnitScale.of(new FloatParameter("momentum", 0.5, 0.999, null, Sampling.LOG1M));

        assertTrue(Double.isNaN(momentum.toUnit("sgd")));
        assertTrue(Double.isNaN(momentum.toUnit(0.9999)));
        assertEquals(0.5, momentum.toUnit(1 - Math.sqrt(0.5 * 0.001)), 1e-9);
    }
}

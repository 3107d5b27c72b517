package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy ({@code scipy.special.erfc}, {@code log_ndtr}). */
class StandardNormalTest {

    @Test
    void erfcMatchesReferenceValuesWithRelativePrecisionInTheTail() {
        assertRelative(0.8875370839817152, StandardNormal.erfc(0.1));
        assertRelative(0.15729920705028516, StandardNormal.erfc(1));
        assertRelative(0.00040695201744495886, StandardNormal.erfc(2.5));
        assertRelative(2.2090496998585445e-05, StandardNormal.erfc(3));
        assertRelative(1.5374597944280347e-12, StandardNormal.erfc(5));
        assertRelative(2.0884875837625446e-45, StandardNormal.erfc(10));
        assertRelative(2 - 0.15729920705028516, StandardNormal.erfc(-1));
    }

    @Test
    void logCdfStaysFiniteWhereTheCdfUnderflows() {
        assertRelative(-1.8410216450092634, StandardNormal.logCdf(-1));
        assertRelative(-53.23128515051248, StandardNormal.logCdf(-10));
        assertRelative(-804.6084420137539, StandardNormal.logCdf(-40));
        assertRelative(-0.0013508099647481925, StandardNormal.logCdf(3));
    }

    @Test
    void logMassIsAccurateInTheCentreAndInBothTails() {
        assertRelative(-0.20016629432446262, StandardNormal.logMass(-1, 2));
        assertRelative(-35.01361859343716, StandardNormal.logMass(8, 9));
        assertRelative(-35.01361859343716, StandardNormal.logMass(-9, -8));
        assertRelative(-804.6084420137539, StandardNormal.logMass(-41, -40));
        assertEquals(Double.NEGATIVE_INFINITY, StandardNormal.logMass(1, 1));
    }

    /** Within 1e-10 relative: against mpmath, erfc is within 2e-11 and logMass within 3e-11 on [-45, 45]. */
    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, 1e-10 * Math.abs(expected));
    }
}

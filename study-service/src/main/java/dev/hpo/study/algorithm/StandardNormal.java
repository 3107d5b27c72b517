package dev.hpo.study.algorithm;

/**
 * The standard normal distribution in log space, accurate far into the tails. The Parzen estimators of
 * {@link TpeSampler} compare densities of candidates that may lie dozens of bandwidths from a kernel, where
 * {@code Math.log(cdf(b) - cdf(a))} would be {@code log(0)}; working with logarithms of tail masses keeps every
 * candidate comparable.
 */
final class StandardNormal {

    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Below this argument erfc is 1 - erf from a series; above it, a continued fraction converges quickly. */
    private static final double CONTINUED_FRACTION_FROM = 3.0;

    private StandardNormal() {
    }

    /** log φ(z). */
    static double logDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /** Φ(x). */
    static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT_2);
    }

    /** log Φ(x), finite for any finite x (Φ(-40) is below the smallest double, its log is not). */
    static double logCdf(double x) {
        if (x < -5) {
            double z = -x / SQRT_2;
            return Math.log(0.5) - z * z + Math.log(scaledErfc(z));
        }
        if (x > 5) {
            return Math.log1p(-cdf(-x));
        }
        return Math.log(cdf(x));
    }

    /** log(Φ(b) - Φ(a)): the log of the mass between {@code a} and {@code b}; minus infinity when a >= b. */
    static double logMass(double a, double b) {
        if (!(a < b)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (a >= 0) {
            // Mirror into the lower tail, where Φ has relative precision and the difference does not cancel.
            return logMass(-b, -a);
        }
        if (b <= 0) {
            double logB = logCdf(b);
            return logB + log1mExp(logCdf(a) - logB);
        }
        return Math.log1p(-cdf(a) - cdf(-b));
    }

    /** The complementary error function, with relative precision in the upper tail until it underflows. */
    static double erfc(double z) {
        if (z < 0) {
            return 2 - erfc(-z);
        }
        if (z < CONTINUED_FRACTION_FROM) {
            return 1 - erf(z);
        }
        return Math.exp(-z * z) * scaledErfc(z);
    }

    /**
     * erf(z) for z >= 0 from the series {@code 2/√π e^(-z²) Σ 2^n z^(2n+1) / (1·3·…·(2n+1))}, whose terms are all
     * positive, so nothing cancels.
     */
    private static double erf(double z) {
        double term = z;
        double sum = z;
        for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
            term *= 2 * z * z / (2 * n + 1);
            sum += term;
        }
        return 2 / SQRT_PI * Math.exp(-z * z) * sum;
    }

    /**
     * e^(z²) erfc(z) for z >= {@value #CONTINUED_FRACTION_FROM}, from the continued fraction
     * {@code erfc(z) = e^(-z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))}, evaluated by Lentz's method.
     */
    private static double scaledErfc(double z) {
        double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        for (int k = 1; k < 1_000; k++) {
            double a = k / 2.0;
            d = z + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = z + a / (Math.abs(c) < tiny ? tiny : c);
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / (SQRT_PI * f);
    }

    /** log(1 - e^d) for d <= 0, accurate both near 0 and far below it. */
    private static double log1mExp(double d) {
        return d > -Math.log(2) ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
    }
}

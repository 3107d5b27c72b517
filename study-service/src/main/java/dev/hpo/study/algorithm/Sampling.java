package dev.hpo.study.algorithm;

import java.util.Locale;

/** How a numeric parameter's range [min, max] is explored; {@code u} is uniform on [0, 1). */
public enum Sampling {
    /** {@code min + u (max - min)}. */
    LINEAR,
    /** Log-uniform: every decade gets the same share. Needs {@code min > 0}. */
    LOG,
    /**
     * KerasTuner's {@code reverse_log}: the log distribution mirrored within the range,
     * {@code max + min - min (max / min)^(1 - u)}, so values crowd towards max. Needs {@code min > 0}.
     */
    REVERSE_LOG,
    /**
     * {@code 1 - x} is log-uniform: the way to search momentum β. For β in [0.9, 0.999], 1 − β spans
     * [0.001, 0.1], and 0.9–0.99 and 0.99–0.999 get half the samples each. Needs {@code 0 <= min < max < 1}.
     */
    LOG1M;

    public static Sampling parse(String text) {
        if (text == null) {
            return LINEAR;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("sampling",
                    "unknown sampling '" + text + "'; use linear, log, reverse_log or log1m");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps {@code u} in [0, 1] onto [min, max] with this sampling's distribution. */
    public double fromUnit(double u, double min, double max) {
        return switch (this) {
            case LINEAR -> min + u * (max - min);
            case LOG -> Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
            case REVERSE_LOG -> max + min - Math.exp(Math.log(min) + (1 - u) * (Math.log(max) - Math.log(min)));
            case LOG1M -> 1 - Math.exp(Math.log(1 - max) + (1 - u) * (Math.log(1 - min) - Math.log(1 - max)));
        };
    }

    /** The inverse of {@link #fromUnit}: where {@code value} lies on this sampling's unit scale. */
    public double toUnit(double value, double min, double max) {
        return switch (this) {
            case LINEAR -> (value - min) / (max - min);
            case LOG -> (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min));
            case REVERSE_LOG -> 1 - (Math.log(max + min - value) - Math.log(min)) / (Math.log(max) - Math.log(min));
            case LOG1M -> 1 - (Math.log(1 - value) - Math.log(1 - max)) / (Math.log(1 - min) - Math.log(1 - max));
        };
    }

    /** Checks that [min, max] suits this sampling; names the bound at fault. */
    void checkRange(double min, double max) {
        switch (this) {
            case LOG, REVERSE_LOG -> {
                if (min <= 0) {
                    throw new InvalidParameterException("min", label() + " sampling needs min > 0, was " + min);
                }
            }
            case LOG1M -> {
                if (min < 0) {
                    throw new InvalidParameterException("min", "log1m sampling needs min >= 0, was " + min);
                }
                if (max >= 1) {
                    throw new InvalidParameterException("max", "log1m sampling needs max < 1 (1 - max is "
                            + "sampled on a log scale), was " + max);
                }
            }
            case LINEAR -> {
            }
        }
    }
}

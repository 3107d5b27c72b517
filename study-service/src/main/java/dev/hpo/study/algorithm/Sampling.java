package dev.hpo.study.algorithm;

import java.util.Locale;

/** How a numeric parameter's range is explored. */
public enum Sampling {
    /** Uniform over [min, max]. */
    LINEAR,
    /** Uniform over [log min, log max]: every decade gets the same share; needs min &gt; 0. */
    LOG;

    public static Sampling parse(String text) {
        if (text == null) {
            return LINEAR;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("sampling", "unknown sampling '" + text + "'; use linear or log");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

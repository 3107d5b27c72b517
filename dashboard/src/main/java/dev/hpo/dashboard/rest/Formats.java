package dev.hpo.dashboard.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How numbers and times read on the pages: {@code {fmt:metric(value)}}; null-safe, unlike value extensions. */
@TemplateExtension(namespace = "fmt")
public class Formats {

    /** Objective values: four decimals, a dash when there is none yet. */
    static String metric(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Hyperparameter values: reals in the shortest exact form (1.0E-4 reads as 0.0001), others as they are. */
    static String param(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : new java.math.BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** How long ago, coarsely: "42 s", "5 min", "3 h", "2 d". */
    static String age(Instant instant) {
        if (instant == null) {
            return "–";
        }
        long seconds = Math.max(0, Duration.between(instant, Instant.now()).getSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min";
        }
        if (seconds < 172_800) {
            return seconds / 3_600 + " h";
        }
        return seconds / 86_400 + " d";
    }

    /** Lower-case status for CSS classes. */
    static String css(String status) {
        return status == null ? "" : status.toLowerCase(Locale.ROOT);
    }
}

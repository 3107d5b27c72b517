package dev.hpo.dashboard.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import dev.hpo.dashboard.client.StudySummary;
import io.quarkus.qute.TemplateExtension;

/** How numbers and times read on the pages: {@code {fmt:metric(value)}}; null-safe, unlike value extensions. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private static final String NONE = "–";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** Objective values and metrics: four decimals, a dash when there is none yet. */
    public static String metric(Double value) {
        return value == null || value.isNaN() ? NONE : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Hyperparameter values: reals in the shortest exact form (1.0E-4 reads as 0.0001), others as they are. */
    public static String param(Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : new BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** How long ago, coarsely: "42 s", "5 min", "3 h", "2 d". */
    public static String age(Instant instant) {
        if (instant == null) {
            return NONE;
        }
        return span(Math.max(0, Duration.between(instant, Instant.now()).getSeconds()));
    }

    /** How long from one instant to the other (or to now, while it lasts), coarsely. */
    public static String duration(Instant from, Instant to) {
        if (from == null) {
            return NONE;
        }
        return span(Math.max(0, Duration.between(from, to == null ? Instant.now() : to).getSeconds()));
    }

    private static String span(long seconds) {
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

    /** A moment in UTC, to the second. */
    public static String time(Instant instant) {
        return instant == null ? NONE : TIME.format(instant);
    }

    /** Seconds with two decimals: epoch times. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** A learning rate: three significant digits, whatever its decade (0.000105, 0.0205). */
    public static String learningRate(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A rate with one decimal, a dash when unknown. */
    public static String rate(Double value) {
        return value == null || value.isNaN() ? NONE : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A share of one as a percentage with one decimal. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** Any value, a dash for none. */
    public static String text(Object value) {
        return value == null ? NONE : String.valueOf(value);
    }

    /** A query-parameter or path value, percent-encoded. */
    public static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An algorithm's settings that were given or defaulted: "maxEpochs 9 · factor 3". */
    public static String algorithm(StudySummary.Algorithm a) {
        StringJoiner text = new StringJoiner(" · ");
        add(text, "maxEpochs", a.maxEpochs());
        add(text, "factor", a.factor());
        add(text, "minEpochs", a.minEpochs());
        add(text, "iterations", a.iterations());
        add(text, "arithmetic", a.arithmetic());
        return text.toString();
    }

    /**
     * A small settings object: its {@code type}, {@code name} or {@code builder} first, then the other settings:
     * "median · minTrials 5 · warmupEpochs 2".
     */
    public static String entries(Map<String, Object> settings) {
        StringJoiner text = new StringJoiner(" · ");
        List<String> leading = List.of("type", "name", "builder");
        leading.stream().filter(settings::containsKey).forEach(k -> text.add(param(settings.get(k))));
        settings.forEach((key, value) -> {
            if (!leading.contains(key) && value != null) {
                text.add(key + " " + param(value));
            }
        });
        return text.toString();
    }

    private static void add(StringJoiner text, String name, Object value) {
        if (value != null) {
            text.add(name + " " + value);
        }
    }

    /** Lower-case status for CSS classes. */
    public static String css(String status) {
        return status == null ? "" : status.toLowerCase(Locale.ROOT);
    }
}

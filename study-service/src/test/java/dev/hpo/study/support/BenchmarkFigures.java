package dev.hpo.study.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Percentiles and medians of benchmark samples, and the JSON file each benchmark leaves in target/bench. */
public final class BenchmarkFigures {

    private BenchmarkFigures() {
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code p} % of the samples at or below it. */
    public static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Writes {@code target/bench/<name>.json}: the figures given, and the machine they were taken on.
     */
    public static Path write(String name, Map<String, Object> figures) {
        Map<String, Object> all = new LinkedHashMap<>(figures);
        all.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        all.put("java", System.getProperty("java.version"));
        all.put("timestamp", Instant.now().toString());
        Path out = Path.of("target", "bench", name + ".json");
        try {
            Files.createDirectories(out.getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + " failed", e);
        }
        return out;
    }
}

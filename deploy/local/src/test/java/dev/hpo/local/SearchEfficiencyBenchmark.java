package dev.hpo.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.FreePorts;

/**
 * Not part of the test suite: how much training each algorithm needs on the worked example's space (units 32-512
 * step 32, learning rate 1e-2/1e-3/1e-4) on real Fashion-MNIST, through the whole local stack with one runner.
 * For each algorithm and seed it records the best val_accuracy, the epochs spent, and how the best grew with the
 * epochs spent (read by polling the study every 200 ms), from which the epochs spent when the best first reached
 * each target ({@code -Dhpo.benchmark.targets}, default 0.85) follow. To fit the 2-core machine, trials train on the first {@code -Dhpo.benchmark.train-limit} (default 10,000)
 * images and the budget is small (maxEpochs 9); seeds with {@code -Dhpo.benchmark.seeds} (default 2). Run with
 * {@code ./mvnw -B -o -pl deploy/local verify -Dtest=SearchEfficiencyBenchmark} after {@code install}; it writes
 * {@code target/bench/search-efficiency.json}.
 */
class SearchEfficiencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EPOCHS = 9;

    @Test
    void epochsToTargetAndBestValuePerAlgorithm() throws Exception {
        int seeds = Integer.getInteger("hpo.benchmark.seeds", 2);
        int trainLimit = Integer.getInteger("hpo.benchmark.train-limit", 10_000);
        List<Double> targets = Arrays.stream(System.getProperty("hpo.benchmark.targets", "0.85").split(","))
                .map(String::trim).map(Double::valueOf).toList();
        List<String> algorithms = List.of(System.getProperty("hpo.benchmark.algorithms",
                "random,hyperband,asha,tpe,bohb").split(","));
        Path root = Path.of(System.getProperty("hpo.root", "../..")).toAbsolutePath().normalize();
        StackConfig config = new StackConfig(root, Files.createTempDirectory("hpo-bench-"), FreePorts.find(),
                FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), 1);
        List<Map<String, Object>> runs = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LocalStack stack = LocalStack.start(config, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            StudyClient client = new StudyClient(config.apiUrl(), stack.token());
            for (int seed = 1; seed <= seeds; seed++) {
                for (String algorithm : algorithms) {
                    Map<String, Object> run = run(client, algorithm, seed, trainLimit, targets);
                    runs.add(run);
                    System.out.println("SEARCH " + run);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s", "algorithm", "best", "epochs", "seconds");
        targets.forEach(t -> System.out.printf(Locale.ROOT, " %18s", "epochs to " + t));
        System.out.println();
        for (String algorithm : algorithms) {
            List<Map<String, Object>> mine = runs.stream().filter(r -> r.get("algorithm").equals(algorithm)).toList();
            System.out.printf(Locale.ROOT, "%-10s %10.4f %10.0f %10.0f", algorithm, median(mine, "best"),
                    median(mine, "epochs"), median(mine, "seconds"));
            for (double t : targets) {
                System.out.printf(Locale.ROOT, " %18s", medianEpochsTo(mine, t));
            }
            System.out.println();
        }
        Path out = Path.of("target/bench/search-efficiency.json");
        Files.createDirectories(out.getParent());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runs", runs);
        figures.put("trainLimit", trainLimit);
        figures.put("maxEpochs", MAX_EPOCHS);
        figures.put("targets", targets);
        figures.put("processors", Runtime.getRuntime().availableProcessors());
        figures.put("at", Instant.now().toString());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), figures);
    }

    private static Map<String, Object> run(StudyClient client, String algorithm, int seed, int trainLimit,
            List<Double> targets) throws IOException, InterruptedException {
        String id = client.submit(spec(algorithm, seed, trainLimit)).path("id").asText();
        long start = System.nanoTime();
        List<Map<String, Object>> progress = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        JsonNode study;
        do {
            Thread.sleep(200);
            study = client.study(id);
            JsonNode value = study.path("best").path("value");
            if (value.isNumber() && value.asDouble() > best) {
                best = value.asDouble();
                progress.add(Map.of("epochs", study.path("epochsTrained").asLong(), "best", best, "seconds",
                        (System.nanoTime() - start) / 1e9));
            }
        } while ("RUNNING".equals(study.path("status").asText()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("algorithm", algorithm);
        run.put("seed", seed);
        run.put("best", study.path("best").path("value").asDouble());
        run.put("bestParams", study.path("best").path("params"));
        run.put("epochs", study.path("epochsTrained").asLong());
        run.put("trials", study.path("trials").path("completed").asLong() + study.path("trials").path("pruned")
                .asLong());
        Map<String, Object> epochsTo = new LinkedHashMap<>();
        for (double target : targets) {
            epochsTo.put(String.valueOf(target), progress.stream().filter(p -> (double) p.get("best") >= target)
                    .map(p -> p.get("epochs")).findFirst().orElse(null));
        }
        run.put("epochsToTarget", epochsTo);
        run.put("seconds", (System.nanoTime() - start) / 1e9);
        run.put("progress", progress);
        return run;
    }

    /**
     * The median of the epochs the runs spent before reaching the target, a run that never reached it counting as
     * never, and how many reached it: "42 (3 of 5)", or "never (2 of 5)" when fewer than half did.
     */
    private static String medianEpochsTo(List<Map<String, Object>> runs, double target) {
        List<Double> epochs = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            Object reached = ((Map<?, ?>) run.get("epochsToTarget")).get(String.valueOf(target));
            epochs.add(reached == null ? Double.POSITIVE_INFINITY : ((Number) reached).doubleValue());
        }
        epochs.sort(null);
        int n = epochs.size();
        long reached = epochs.stream().filter(Double::isFinite).count();
        double median = n % 2 == 1 ? epochs.get(n / 2) : (epochs.get(n / 2 - 1) + epochs.get(n / 2)) / 2;
        return (Double.isFinite(median) ? String.format(Locale.ROOT, "%.0f", median) : "never")
                + " (" + reached + " of " + n + ")";
    }

    /** The worked example's space; budgets of about 100 epochs for the sampling algorithms. */
    private static String spec(String algorithm, int seed, int trainLimit) {
        String settings = switch (algorithm) {
            case "random" -> "\"algorithm\": {\"type\": \"random\", \"seed\": %d}, \"maxTrials\": 12, \"epochs\": 9";
            case "tpe" -> "\"algorithm\": {\"type\": \"tpe\", \"seed\": %d, \"startupTrials\": 5}, \"maxTrials\": 12,"
                    + " \"epochs\": 9";
            case "hyperband", "bohb" -> "\"algorithm\": {\"type\": \"" + algorithm + "\", \"seed\": %d, \"maxEpochs\":"
                    + " 9, \"factor\": 3}";
            case "asha" -> "\"algorithm\": {\"type\": \"asha\", \"seed\": %d, \"maxEpochs\": 9, \"factor\": 3},"
                    + " \"maxTrials\": 27";
            default -> throw new IllegalArgumentException("no benchmark settings for " + algorithm);
        };
        return """
                {"name": "bench-%s-%d", "objective": {"metric": "val_accuracy"}, %s,
                 "dataset": {"name": "fashion-mnist", "trainLimit": %d},
                 "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                           "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}}}"""
                .formatted(algorithm, seed, settings.formatted(seed), trainLimit);
    }

    private static double median(List<Map<String, Object>> runs, String key) {
        List<Double> values = new ArrayList<>(runs.stream().map(r -> r.get(key)).filter(v -> v != null)
                .map(v -> ((Number) v).doubleValue()).toList());
        values.sort(null);
        int n = values.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}

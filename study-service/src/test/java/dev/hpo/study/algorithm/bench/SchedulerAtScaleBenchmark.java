package dev.hpo.study.algorithm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.hpo.study.algorithm.Asha;
import dev.hpo.study.algorithm.Direction;
import dev.hpo.study.algorithm.Hyperband;
import dev.hpo.study.algorithm.HyperbandPlan;
import dev.hpo.study.algorithm.RandomSampler;
import dev.hpo.study.algorithm.SearchAlgorithm;

/**
 * Not part of the test suite (Surefire runs only {@code *Test} classes): ASHA and synchronous Hyperband scheduling
 * about 10,000 trials on simulated fleets of 1, 8, 32 and 128 runners ({@link FleetSimulation}, learning curves
 * from {@link SurrogateCurves}). Both train to 81 epochs with factor 3: ASHA with rungs at 1, 3, 9, 27 and 81 epochs
 * and at most 10,000 trials, Hyperband with KerasTuner's plan (143 trials in five brackets per iteration) repeated
 * until it reaches 10,000 trials (70 iterations, 10,010 trials). Each configuration runs with seeds 1..5, after one
 * discarded warm-up run per algorithm. The algorithm is kept for the whole study and told of every change, as the
 * service keeps it while it applies a batch of events; {@code -Dhpo.benchmark.algorithmPerRound=true} builds it
 * anew for each decision round instead, so it reads the whole history on every call.
 * <p>
 * Run with {@code ./mvnw -B -o -pl study-service test -Dtest=SchedulerAtScaleBenchmark}; it prints one line per
 * run, then the medians over seeds as Markdown tables, and writes every figure to
 * {@code target/bench/scheduler-at-scale.json}. {@code -Dhpo.benchmark.seeds=2}, {@code -Dhpo.benchmark.trials=2000},
 * {@code -Dhpo.benchmark.runners=8,32} and {@code -Dhpo.benchmark.algorithms=asha} make it shorter.
 */
class SchedulerAtScaleBenchmark {

    private static final int MAX_EPOCHS = 81;
    private static final int FACTOR = 3;
    private static final Path OUTPUT = Path.of("target", "bench", "scheduler-at-scale.json");
    private static final boolean ALGORITHM_PER_ROUND = Boolean.getBoolean("hpo.benchmark.algorithmPerRound");

    @Test
    void schedulerAtScale() throws IOException {
        int trials = Integer.getInteger("hpo.benchmark.trials", 10_000);
        int seeds = Integer.getInteger("hpo.benchmark.seeds", 5);
        List<Integer> fleets = Arrays.stream(System.getProperty("hpo.benchmark.runners", "1,8,32,128").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        List<String> algorithms = Arrays.stream(System.getProperty("hpo.benchmark.algorithms", "asha,hyperband")
                .split(",")).map(String::trim).toList();
        int iterations = (int) Math.ceil(trials / (double) HyperbandPlan.kerasTuner(MAX_EPOCHS, FACTOR, 1, 1)
                .totalTrials());
        HyperbandPlan plan = HyperbandPlan.kerasTuner(MAX_EPOCHS, FACTOR, 1, iterations);

        for (String algorithm : algorithms) {
            int warmUpTrials = Math.max(300, trials / 10);
            HyperbandPlan warmUpPlan = HyperbandPlan.kerasTuner(MAX_EPOCHS, FACTOR, 1,
                    Math.max(1, iterations / 10));
            long start = System.nanoTime();
            simulate(algorithm, warmUpTrials, warmUpPlan, 8, 0);
            System.out.printf(Locale.ROOT, "warm-up %s: %.1f s%n", algorithm, (System.nanoTime() - start) / 1e9);
        }
        List<Summary> summaries = new ArrayList<>();
        for (String algorithm : algorithms) {
            for (int runners : fleets) {
                List<Run> runs = new ArrayList<>();
                for (long seed = 1; seed <= seeds; seed++) {
                    long start = System.nanoTime();
                    FleetSimulation.Result result = simulate(algorithm, trials, plan, runners, seed);
                    Run run = Run.of(seed, result, (System.nanoTime() - start) / 1e9);
                    runs.add(run);
                    System.out.printf(Locale.ROOT, "%s, %d runners, seed %d: %s%n", algorithm, runners, seed, run);
                }
                summaries.add(Summary.of(algorithm, runners, runs));
            }
        }
        System.out.println();
        System.out.println("medians over seeds " + summaries.get(0).seeds() + "; makespan and tail in epoch times");
        System.out.println();
        System.out.println(table(summaries));
        System.out.println(decileTable(summaries));
        write(summaries, trials, plan, seeds);
        System.out.println("written to " + OUTPUT.toAbsolutePath());
    }

    private static FleetSimulation.Result simulate(String algorithm, int trials, HyperbandPlan plan, int runners,
            long seed) {
        Supplier<SearchAlgorithm> factory = switch (algorithm) {
            case "asha" -> () -> new Asha(new RandomSampler(SurrogateCurves.SPACE, seed), 1, MAX_EPOCHS, FACTOR,
                    trials, Direction.MAXIMIZE);
            case "hyperband" -> () -> new Hyperband(new RandomSampler(SurrogateCurves.SPACE, seed), plan,
                    Direction.MAXIMIZE);
            default -> throw new IllegalArgumentException("unknown algorithm " + algorithm + "; asha or hyperband");
        };
        FleetSimulation simulation = new FleetSimulation(factory, runners, MAX_EPOCHS, new SurrogateCurves(seed), seed);
        return (ALGORITHM_PER_ROUND ? simulation : simulation.keepAlgorithm()).run();
    }

    /** The figures of one seeded run. */
    record Run(long seed, int trials, double utilisation, double utilisationUntilLastStart, double tail,
            double makespan, long epochs, double bestObjective, double bestCeiling, double bestCeilingTried,
            Map<String, Integer> answers, int decisions, double decisionMillis, long decisionMedianNanos,
            long decisionP99Nanos, List<DecisionTimes.Decile> deciles, double wallSeconds) {

        static Run of(long seed, FleetSimulation.Result r, double wallSeconds) {
            long[] sorted = r.decisionNanos().clone();
            Arrays.sort(sorted);
            return new Run(seed, r.trials().size(), r.utilisation(), r.utilisationUntilLastStart(), r.tail(),
                    r.makespan(), r.epochs(), r.bestObjective(), r.bestCeiling(), r.bestCeilingTried(),
                    new LinkedHashMap<>(r.answers()), sorted.length, Arrays.stream(sorted).sum() / 1e6,
                    DecisionTimes.percentile(sorted, 0.50), DecisionTimes.percentile(sorted, 0.99),
                    DecisionTimes.deciles(r.decisionNanos(), r.decisionTrials()), wallSeconds);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d trials, utilisation %.4f (%.4f until the last start, tail %.1f), "
                    + "makespan %.1f, %d epochs, best %.4f, %d decisions in %.0f ms (median %s, p99 %s), "
                    + "deciles median/p99 %s; %.1f s", trials, utilisation, utilisationUntilLastStart, tail, makespan,
                    epochs, bestObjective, decisions, decisionMillis, micros(decisionMedianNanos),
                    micros(decisionP99Nanos), deciles.stream()
                            .map(d -> micros(d.medianNanos()) + "/" + micros(d.p99Nanos())).toList(), wallSeconds);
        }
    }

    /** Medians over the seeds of one algorithm on one fleet. */
    record Summary(String algorithm, int runners, List<Long> seeds, double trials, double utilisation,
            double utilisationUntilLastStart, double tail, double makespan, double epochs, double bestObjective,
            double bestCeiling, double decisions, double decisionMillis, double decisionMedianNanos,
            double decisionP99Nanos, List<Map<String, Double>> deciles, double wallSeconds, List<Run> runs) {

        static Summary of(String algorithm, int runners, List<Run> runs) {
            List<Map<String, Double>> deciles = new ArrayList<>();
            for (int d = 0; d < 10; d++) {
                int index = d;
                if (runs.stream().anyMatch(r -> r.deciles().size() <= index)) {
                    break;
                }
                Map<String, Double> decile = new LinkedHashMap<>();
                decile.put("decile", d + 1.0);
                decile.put("trialsAtEnd", median(runs, r -> r.deciles().get(index).trialsAtEnd()));
                decile.put("medianNanos", median(runs, r -> r.deciles().get(index).medianNanos()));
                decile.put("p99Nanos", median(runs, r -> r.deciles().get(index).p99Nanos()));
                deciles.add(decile);
            }
            return new Summary(algorithm, runners, runs.stream().map(Run::seed).toList(), median(runs, Run::trials),
                    median(runs, Run::utilisation), median(runs, Run::utilisationUntilLastStart),
                    median(runs, Run::tail), median(runs, Run::makespan), median(runs, Run::epochs),
                    median(runs, Run::bestObjective), median(runs, Run::bestCeiling), median(runs, Run::decisions),
                    median(runs, Run::decisionMillis), median(runs, Run::decisionMedianNanos),
                    median(runs, Run::decisionP99Nanos), deciles, median(runs, Run::wallSeconds), runs);
        }
    }

    /** The usual median: the middle value, or the mean of the two middle ones. */
    static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String table(List<Summary> summaries) {
        StringBuilder out = new StringBuilder();
        out.append("| algorithm | runners | trials | utilisation | until the last new trial | tail | makespan "
                + "| epochs | best val_accuracy (its ceiling) | decisions | decision time, total "
                + "| per call, median / p99 |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Summary s : summaries) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.1f %% | %.1f %% | %,.0f | %,.0f | %,.0f "
                    + "| %.4f (%.4f) | %,.0f | %,.0f ms | %s / %s |%n", s.algorithm(), s.runners(), s.trials(),
                    100 * s.utilisation(), 100 * s.utilisationUntilLastStart(), s.tail(), s.makespan(), s.epochs(),
                    s.bestObjective(), s.bestCeiling(), s.decisions(), s.decisionMillis(),
                    micros(s.decisionMedianNanos()), micros(s.decisionP99Nanos())));
        }
        return out.toString();
    }

    private static String decileTable(List<Summary> summaries) {
        StringBuilder out = new StringBuilder();
        out.append("decision time per call, median / p99, in each tenth of the calls (trials shown at its end)\n\n");
        out.append("| algorithm | runners |");
        for (int d = 1; d <= 10; d++) {
            out.append(' ').append(d).append(" |");
        }
        out.append("\n|---|--:|").append("--:|".repeat(10)).append('\n');
        for (Summary s : summaries) {
            out.append("| ").append(s.algorithm()).append(" | ").append(s.runners()).append(" |");
            for (Map<String, Double> d : s.deciles()) {
                out.append(String.format(Locale.ROOT, " %s / %s (%,.0f) |", micros(d.get("medianNanos")),
                        micros(d.get("p99Nanos")), d.get("trialsAtEnd")));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Microseconds with two significant digits below 10 µs. */
    static String micros(double nanos) {
        double us = nanos / 1e3;
        return us < 10 ? String.format(Locale.ROOT, "%.1f µs", us) : String.format(Locale.ROOT, "%,.0f µs", us);
    }

    private static void write(List<Summary> summaries, int trials, HyperbandPlan plan, int seeds) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxEpochs", MAX_EPOCHS);
        settings.put("factor", FACTOR);
        settings.put("ashaMaxTrials", trials);
        settings.put("ashaRungs", List.of(1, 3, 9, 27, 81));
        settings.put("hyperbandPlan", "kerastuner, " + plan.iterations() + " iterations, " + plan.totalTrials()
                + " trials, " + plan.totalEpochs() + " epochs");
        settings.put("seedsPerConfiguration", seeds);
        settings.put("algorithm", ALGORITHM_PER_ROUND ? "built anew for each decision round"
                : "kept for the study and told of every change");
        settings.put("epochTime", "1.0 ± 10 % uniform, per trial and epoch");
        settings.put("curves", "SurrogateCurves: ceiling(c) - gap(c) * exp(-epoch / tau(c)) + N(0, 0.005^2)");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "scheduler-at-scale");
        json.put("timestamp", Instant.now().toString());
        json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        json.put("javaVersion", System.getProperty("java.version"));
        json.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        json.put("settings", settings);
        json.put("results", summaries);
        Files.createDirectories(OUTPUT.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(OUTPUT.toFile(), json);
    }
}

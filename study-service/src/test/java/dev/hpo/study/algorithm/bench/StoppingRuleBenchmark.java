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

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.hpo.study.algorithm.Direction;
import dev.hpo.study.algorithm.MedianStoppingRule;
import dev.hpo.study.algorithm.PercentileStoppingRule;
import dev.hpo.study.algorithm.RandomSampler;
import dev.hpo.study.algorithm.StopDecision;
import dev.hpo.study.algorithm.StoppingRule;
import dev.hpo.study.algorithm.TrialRecord;
import dev.hpo.study.algorithm.TrialState;

/**
 * Not part of the test suite (Surefire runs only {@code *Test} classes): the time one stopping-rule decision takes
 * in a study whose other trials have all reported {@code epochs} epochs, as when many runners train one wide study.
 * For each study size, every trial is asked about every one of its epochs against all the others (learning curves
 * from {@link SurrogateCurves}); the figure is the median call over 5 rounds of that, after 2 discarded rounds. It
 * also prints how many stops a round decided and a hash of their reasons, which must not change between versions
 * of the rules' code.
 * <p>
 * Run with {@code ./mvnw -B -o -pl study-service test -Dtest=StoppingRuleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dhpo.benchmark.trials=50,250,1000} and
 * {@code -Dhpo.benchmark.epochs=40} set the sizes. It writes {@code target/bench/stopping-rules.json}.
 */
class StoppingRuleBenchmark {

    private static final Path OUTPUT = Path.of("target", "bench", "stopping-rules.json");
    private static final int ROUNDS = 5;
    private static final int WARM_UP_ROUNDS = 2;

    record Figure(String rule, int trials, int epochs, long calls, long stops, String reasonsHash,
            double medianMicros, double p99Micros) {
    }

    @Test
    void stoppingRuleDecisionTime() throws IOException {
        List<Integer> sizes = Arrays.stream(System.getProperty("hpo.benchmark.trials", "50,250,1000").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        int epochs = Integer.getInteger("hpo.benchmark.epochs", 40);
        List<Figure> figures = new ArrayList<>();
        for (int trials : sizes) {
            List<TrialRecord> study = study(trials, epochs);
            for (StoppingRule rule : List.of(
                    new MedianStoppingRule("val_accuracy", Direction.MAXIMIZE, 5, 1),
                    new PercentileStoppingRule("val_accuracy", Direction.MAXIMIZE, 25, 5, 1))) {
                Figure figure = measure(rule, study, epochs);
                figures.add(figure);
                System.out.printf(Locale.ROOT, "%s, %d trials × %d epochs: %d calls, %d stops (reasons %s),"
                        + " median %.2f µs, p99 %.2f µs%n", figure.rule(), trials, epochs, figure.calls(),
                        figure.stops(), figure.reasonsHash(), figure.medianMicros(), figure.p99Micros());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "stopping-rules");
        json.put("timestamp", Instant.now().toString());
        json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        json.put("javaVersion", System.getProperty("java.version"));
        json.put("results", figures);
        Files.createDirectories(OUTPUT.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(OUTPUT.toFile(), json);
    }

    private static Figure measure(StoppingRule rule, List<TrialRecord> study, int epochs) {
        int calls = study.size() * epochs;
        long[] nanos = new long[calls * ROUNDS];
        long stops = 0;
        int reasonsHash = 0;
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            int call = 0;
            long roundStops = 0;
            int roundHash = 0;
            for (TrialRecord trial : study) {
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long start = System.nanoTime();
                    StopDecision decision = rule.decide(trial, epoch, study);
                    long elapsed = System.nanoTime() - start;
                    if (round >= 0) {
                        nanos[round * calls + call] = elapsed;
                    }
                    call++;
                    if (decision instanceof StopDecision.Stop stop) {
                        roundStops++;
                        roundHash = 31 * roundHash + stop.reason().hashCode();
                    }
                }
            }
            stops = roundStops;
            reasonsHash = roundHash;
        }
        Arrays.sort(nanos);
        String name = rule instanceof MedianStoppingRule ? MedianStoppingRule.NAME : PercentileStoppingRule.NAME;
        return new Figure(name, study.size(), epochs, calls, stops, Integer.toHexString(reasonsHash), DecisionTimes.percentile(nanos, 0.50) / 1e3,
                DecisionTimes.percentile(nanos, 0.99) / 1e3);
    }

    /** {@code trials} trials with {@code epochs} reported epochs each, configurations drawn with seed 7. */
    private static List<TrialRecord> study(int trials, int epochs) {
        RandomSampler sampler = new RandomSampler(SurrogateCurves.SPACE, 7);
        SurrogateCurves curves = new SurrogateCurves(7);
        List<TrialRecord> study = new ArrayList<>();
        for (int number = 0; number < trials; number++) {
            Map<String, Object> config = sampler.sample(number, study).orElseThrow();
            List<Double> objectives = new ArrayList<>();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                objectives.add(curves.valAccuracy(config, number, epoch));
            }
            study.add(new TrialRecord(number, config, TrialState.ACTIVE, 0, epochs, objectives));
        }
        return study;
    }
}

package dev.hpo.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A finished learning-rate range test as study-service answers for it: 40 steps from 1e-6 to 10, the loss falling
 * fastest near 1e-3 and exploding from 0.2 on, and the range study-service suggested.
 */
public final class RangeTestStudy {

    public static final String ID = "6f1c0d2e-0000-4000-8000-000000000004";
    public static final int STEPS = 40;
    public static final double MIN = 0.000105;
    public static final double MAX = 0.0205;
    private static final double EXPLODES_AT = 0.2;

    private static final ObjectMapper JSON = new ObjectMapper();

    static String study() {
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("id", ID);
        study.put("name", "lr-finder");
        study.put("status", "COMPLETED");
        study.put("algorithm", "lr-range-test");
        study.put("objective", Map.of("metric", "loss", "direction", "minimize"));
        study.put("maxTrials", 1);
        study.put("parallelism", 1);
        study.put("epochs", STEPS);
        study.put("trials", Map.of("planned", 1, "queued", 0, "running", 0, "paused", 0, "completed", 1, "pruned", 0,
                "failed", 0));
        study.put("createdAt", "2026-11-27T12:00:00Z");
        study.put("suggestedRange", Map.of("min", MIN, "max", MAX, "steepestLr", 0.00105, "lowestLossLr", 0.0466,
                "divergedLr", 0.205, "rule", "from a tenth of the rate of steepest descent (0.00105) to the lower of"
                        + " the rate with the lowest loss (0.0466) and a tenth of the rate where the loss exploded"
                        + " (0.205)"));
        return write(study);
    }

    static String trials() {
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int step = 1; step <= STEPS; step++) {
            double rate = rate(step);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("learning_rate", rate);
            if (rate < EXPLODES_AT) {
                double loss = 2.3 - 1.5 / (1 + Math.exp(-3 * (Math.log10(rate) + 3)));
                metrics.put("loss", loss + 0.05);
                metrics.put("smoothed_loss", loss);
            } else {
                metrics.put("diverged", 1.0);
            }
            epochs.add(Map.of("attempt", 1, "epoch", step, "metrics", metrics, "seconds", 0.01));
        }
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("id", "r-0");
        trial.put("number", 0);
        trial.put("status", "COMPLETED");
        trial.put("attempt", 1);
        trial.put("bracket", 0);
        trial.put("params", Map.of("units", 128));
        trial.put("bestValue", 0.8);
        trial.put("epochsRun", STEPS);
        trial.put("targetEpoch", STEPS);
        trial.put("epochs", epochs);
        trial.put("timeline", List.of());
        return write(List.of(trial));
    }

    /** Steps measured before the loss exploded. */
    public static long measuredSteps() {
        return IntStream.rangeClosed(1, STEPS).filter(step -> rate(step) < EXPLODES_AT).count();
    }

    private static double rate(int step) {
        return 1e-6 * Math.pow(1e7, (step - 1) / (STEPS - 1.0));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

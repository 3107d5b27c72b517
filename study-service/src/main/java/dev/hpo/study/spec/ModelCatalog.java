package dev.hpo.study.spec;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The model builders runners know, and the hyperparameters each of them reads with the values it accepts. A
 * hyperparameter no builder reads would silently do nothing, so the validator refuses it at submission.
 */
public final class ModelCatalog {

    /** A hyperparameter a builder reads, and a test for the values it accepts. */
    public record Hyperparameter(String name, String rule, Predicate<Object> accepts) {
    }

    private static final Map<String, Map<String, Hyperparameter>> BUILDERS = Map.of(
            "mlp", Map.of(
                    "units", new Hyperparameter("units", "an integer from 1 to 65536",
                            v -> isInteger(v) && ((Number) v).doubleValue() >= 1 && ((Number) v).doubleValue() <= 65536),
                    "learning_rate", new Hyperparameter("learning_rate", "a number above 0 and at most 10",
                            v -> v instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 10),
                    "batch_size", new Hyperparameter("batch_size", "an integer from 1 to 65536",
                            v -> isInteger(v) && ((Number) v).doubleValue() >= 1
                                    && ((Number) v).doubleValue() <= 65536)));

    /** Datasets the runners can load, with the size of their training split. */
    private static final Map<String, Integer> DATASETS = Map.of("fashion-mnist", 60_000);

    private ModelCatalog() {
    }

    public static boolean hasBuilder(String builder) {
        return BUILDERS.containsKey(builder);
    }

    public static Set<String> builders() {
        return new TreeSet<>(BUILDERS.keySet());
    }

    public static Optional<Hyperparameter> hyperparameter(String builder, String name) {
        return Optional.ofNullable(BUILDERS.getOrDefault(builder, Map.of()).get(name));
    }

    public static Set<String> hyperparameters(String builder) {
        return new TreeSet<>(BUILDERS.getOrDefault(builder, Map.of()).keySet());
    }

    public static Optional<Integer> trainingSize(String dataset) {
        return Optional.ofNullable(DATASETS.get(dataset));
    }

    public static Set<String> datasets() {
        return new TreeSet<>(DATASETS.keySet());
    }

    private static boolean isInteger(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
    }
}

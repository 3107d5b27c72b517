package dev.hpo.study.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The model builders runners have built in ({@code mlp}, {@code cnn}), and the hyperparameters each reads with the
 * values it accepts and its default (the runner's README documents the same tables): the training hyperparameters,
 * which the runner's trainer reads for every builder, and the builder's own. A hyperparameter no builder reads
 * would silently do nothing, so the validator refuses it at submission. Of a builder that is not built in, only
 * the training hyperparameters are known here. Also the datasets runners can load.
 */
public final class ModelCatalog {

    /**
     * A hyperparameter a builder reads.
     *
     * @param rule          the accepted values, in words
     * @param defaultValue  what the runner uses when a study does not search it
     * @param dependsOn     the hyperparameter that decides whether this one is read ({@code optimizer},
     *                      {@code lr_schedule}), or {@code null} when it is always read
     * @param readWhen      the values of {@code dependsOn} under which it is read
     */
    public record Hyperparameter(String name, String rule, Predicate<Object> accepts, Object defaultValue,
            String dependsOn, Set<Object> readWhen) {
    }

    public static final int MAX_LAYERS = 16;
    private static final Pattern LAYER_UNITS = Pattern.compile("units_([1-9][0-9]?)");
    private static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "gelu", "elu", "selu",
            "softplus", "leaky_relu", "swish", "mish");

    public static final int MAX_CONV_LAYERS = 3;

    /** What the trainer reads for every builder. */
    private static final Map<String, Hyperparameter> TRAINING = training();
    private static final Map<String, Map<String, Hyperparameter>> BUILDERS = Map.of(
            "mlp", withTraining(mlp()),
            "cnn", withTraining(cnn()));

    /** The CSV dataset: a file on the runners, of a size study-service cannot know. */
    public static final String CSV = "csv";
    /** Datasets the runners can load, with the size of their training split where it is fixed. */
    private static final Map<String, Optional<Integer>> DATASETS = Map.of(
            "fashion-mnist", Optional.of(60_000),
            "mnist", Optional.of(60_000),
            CSV, Optional.empty());

    private ModelCatalog() {
    }

    private static Map<String, Hyperparameter> mlp() {
        Map<String, Hyperparameter> m = new LinkedHashMap<>();
        add(m, "layers", "an integer from 1 to " + MAX_LAYERS, v -> integer(v, 1, MAX_LAYERS), 1);
        add(m, "units", "an integer from 1 to 65536", v -> integer(v, 1, 65_536), 128);
        add(m, "activation", "one of " + ACTIVATIONS, ACTIVATIONS::contains, "relu");
        add(m, "dropout", "a number in [0, 1)", v -> between(v, 0, true, 1, false), 0.0);
        return m;
    }

    private static Map<String, Hyperparameter> cnn() {
        Map<String, Hyperparameter> m = new LinkedHashMap<>();
        add(m, "conv_layers", "an integer from 1 to " + MAX_CONV_LAYERS + " (convolution blocks)",
                v -> integer(v, 1, MAX_CONV_LAYERS), 2);
        add(m, "filters", "an integer from 1 to 1024 (filters of the first block; each further block doubles them)",
                v -> integer(v, 1, 1024), 32);
        add(m, "kernel_size", "3 or 5", v -> integer(v, 3, 3) || integer(v, 5, 5), 3);
        add(m, "units", "an integer from 1 to 65536 (the hidden Dense layer)", v -> integer(v, 1, 65_536), 128);
        add(m, "activation", "one of " + ACTIVATIONS, ACTIVATIONS::contains, "relu");
        add(m, "dropout", "a number in [0, 1)", v -> between(v, 0, true, 1, false), 0.0);
        return m;
    }

    private static Map<String, Hyperparameter> withTraining(Map<String, Hyperparameter> own) {
        Map<String, Hyperparameter> all = new LinkedHashMap<>(TRAINING);
        all.putAll(own);
        return Map.copyOf(all);
    }

    private static Map<String, Hyperparameter> training() {
        Map<String, Hyperparameter> m = new LinkedHashMap<>();
        add(m, "optimizer", "one of adam, rmsprop, sgd", v -> List.of("adam", "rmsprop", "sgd").contains(v), "adam");
        addFor(m, "learning_rate", "a number above 0 and at most 10 (a step schedule takes lr_values instead)",
                v -> between(v, 0, false, 10, true), 0.001, "lr_schedule", "constant", "exponential");
        addFor(m, "beta_1", "a number in [0, 1)", v -> between(v, 0, true, 1, false), 0.9, "optimizer", "adam");
        addFor(m, "beta_2", "a number in [0, 1)", v -> between(v, 0, true, 1, false), 0.999, "optimizer", "adam");
        addFor(m, "epsilon", "a number above 0 and at most 1", v -> between(v, 0, false, 1, true), 1e-7,
                "optimizer", "adam", "rmsprop");
        addFor(m, "rho", "a number in [0, 1)", v -> between(v, 0, true, 1, false), 0.9, "optimizer", "rmsprop");
        addFor(m, "momentum", "a number in [0, 1)", v -> between(v, 0, true, 1, false), 0.0, "optimizer",
                "rmsprop", "sgd");
        addFor(m, "nesterov", "true or false", Boolean.class::isInstance, false, "optimizer", "sgd");
        add(m, "batch_size", "an integer from 1 to 65536", v -> integer(v, 1, 65_536), 128);
        add(m, "l2", "a number from 0 to 1 (Keras' l2(λ): λ·Σw² over the kernels)", v -> between(v, 0, true, 1, true),
                0.0);
        add(m, "weight_decay", "a number from 0 to 1 (decoupled: w -= lr·wd·w each step)",
                v -> between(v, 0, true, 1, true), 0.0);
        add(m, "lr_schedule", "one of constant, exponential, step",
                v -> List.of("constant", "exponential", "step").contains(v), "constant");
        addFor(m, "decay_steps", "an integer from 1 to 10^9 (optimiser steps)", v -> integer(v, 1, 1_000_000_000),
                1000, "lr_schedule", "exponential");
        addFor(m, "decay_rate", "a number above 0 and at most 1", v -> between(v, 0, false, 1, true), 0.96,
                "lr_schedule", "exponential");
        addFor(m, "staircase", "true or false", Boolean.class::isInstance, false, "lr_schedule", "exponential");
        addFor(m, "lr_boundaries", "a fixed list of ascending epochs >= 1", ModelCatalog::ascendingEpochs, null,
                "lr_schedule", "step");
        addFor(m, "lr_values", "a fixed list of learning rates > 0, one more than lr_boundaries",
                ModelCatalog::positiveList, null, "lr_schedule", "step");
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Hyperparameter> m, String name, String rule, Predicate<Object> accepts,
            Object defaultValue) {
        m.put(name, new Hyperparameter(name, rule, accepts, defaultValue, null, Set.of()));
    }

    private static void addFor(Map<String, Hyperparameter> m, String name, String rule, Predicate<Object> accepts,
            Object defaultValue, String dependsOn, Object... readWhen) {
        m.put(name, new Hyperparameter(name, rule, accepts, defaultValue, dependsOn, Set.of(readWhen)));
    }

    /** Whether runners have {@code builder} built in. */
    public static boolean hasBuilder(String builder) {
        return BUILDERS.containsKey(builder);
    }

    /** The built-in builders, sorted. */
    public static Set<String> builders() {
        return new TreeSet<>(BUILDERS.keySet());
    }

    /** Whether the runners' trainer reads {@code name}, whichever the builder. */
    public static boolean isTraining(String name) {
        return TRAINING.containsKey(name);
    }

    /**
     * What {@code builder} reads under {@code name}: a training hyperparameter for any builder, the builder's own
     * for a built-in one; empty for a name the built-in builder does not read, or that a builder of one's own may
     * read (study-service cannot know).
     */
    public static Optional<Hyperparameter> hyperparameter(String builder, String name) {
        if (!hasBuilder(builder)) {
            return Optional.ofNullable(TRAINING.get(name));
        }
        var matcher = LAYER_UNITS.matcher(name);
        if ("mlp".equals(builder) && matcher.matches() && Integer.parseInt(matcher.group(1)) <= MAX_LAYERS) {
            int layer = Integer.parseInt(matcher.group(1));
            Set<Object> deepEnough = new java.util.HashSet<>();
            for (int layers = layer; layers <= MAX_LAYERS; layers++) {
                deepEnough.add(layers);
            }
            return Optional.of(new Hyperparameter(name, "an integer from 1 to 65536 (units of hidden layer "
                    + layer + ")", v -> integer(v, 1, 65_536), null, "layers", Set.copyOf(deepEnough)));
        }
        return Optional.ofNullable(BUILDERS.get(builder).get(name));
    }

    /** Every name a built-in {@code builder} reads, training hyperparameters included, sorted. */
    public static Set<String> hyperparameters(String builder) {
        Set<String> names = new TreeSet<>(hasBuilder(builder) ? BUILDERS.get(builder).keySet() : TRAINING.keySet());
        if ("mlp".equals(builder)) {
            names.add("units_1 … units_" + MAX_LAYERS);
        }
        return names;
    }

    /** The training split's size, where the dataset fixes it; empty for {@code csv} and unknown names. */
    public static Optional<Integer> trainingSize(String dataset) {
        return DATASETS.getOrDefault(dataset, Optional.empty());
    }

    public static boolean hasDataset(String dataset) {
        return DATASETS.containsKey(dataset);
    }

    public static Set<String> datasets() {
        return new TreeSet<>(DATASETS.keySet());
    }

    private static boolean integer(Object value, double min, double max) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min
                && n.doubleValue() <= max;
    }

    private static boolean between(Object value, double min, boolean minIncluded, double max, boolean maxIncluded) {
        if (!(value instanceof Number n)) {
            return false;
        }
        double x = n.doubleValue();
        return (minIncluded ? x >= min : x > min) && (maxIncluded ? x <= max : x < max);
    }

    private static boolean ascendingEpochs(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        double previous = 0;
        for (Object o : list) {
            if (!integer(o, 1, 1_000_000) || ((Number) o).doubleValue() <= previous) {
                return false;
            }
            previous = ((Number) o).doubleValue();
        }
        return true;
    }

    private static boolean positiveList(Object value) {
        return value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(o -> between(o, 0, false, 10, true));
    }
}

package dev.hpo.runner.training;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.hpo.runner.model.HyperparameterReader;
import dev.hpo.runner.model.ModelBuilder;

/**
 * Everything a trial varies: the model builder, the values it builds the network from, and the training
 * hyperparameters. Two trials with equal {@code TrialHyperparameters} train the same network the same way, which is
 * what resuming from a checkpoint requires.
 *
 * @param builder  the model builder's name
 * @param training what the trainer reads
 * @param model    what the builder reads, as {@link ModelBuilder#resolve} returns it (defaults filled in where the
 *                 builder does that), numbers as {@code Integer} or {@code Double}, lists as {@code Double}s
 */
public record TrialHyperparameters(String builder, TrainingHyperparameters training, Map<String, Object> model) {

    public TrialHyperparameters {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(training, "training");
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
    }

    /**
     * Splits a trial's parameters between the trainer and {@code builder}, and checks both.
     *
     * @throws IllegalArgumentException naming the parameter: one neither reads, one that does not apply, a wrong
     *                                  type or a value out of range
     */
    public static TrialHyperparameters of(ModelBuilder builder, Map<String, Object> params) {
        Map<String, Object> training = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        params.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (TrainingHyperparameters.isTrainingName(name)) {
                training.put(name, value);
            } else if (builder.hyperparameters().contains(name)) {
                model.put(name, value);
            } else {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown hyperparameter " : "unknown"
                    + " hyperparameters ") + unknown.stream().map(n -> "'" + n + "'").toList() + "; the "
                    + builder.name() + " builder reads " + (builder.hyperparameters().isEmpty() ? "none"
                    : HyperparameterReader.list(builder.hyperparameters())) + ", and the trainer reads "
                    + String.join(", ", TrainingHyperparameters.NAMES));
        }
        TrainingHyperparameters trainingValues = TrainingHyperparameters.from(training);
        Map<String, Object> resolved = builder.resolve(Collections.unmodifiableMap(model));
        if (resolved == null) {
            throw new IllegalStateException("model builder '" + builder.name() + "' resolved " + model + " to null");
        }
        return new TrialHyperparameters(builder.name(), trainingValues, normalised(resolved));
    }

    /**
     * Reads back what {@link #toParams()} wrote (a checkpoint): the trainer's names are the training
     * hyperparameters, the others the model's values.
     */
    public static TrialHyperparameters fromParams(String builder, Map<String, Object> params) {
        Map<String, Object> training = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        params.forEach((name, value) -> (TrainingHyperparameters.isTrainingName(name) ? training : model)
                .put(name, value));
        return new TrialHyperparameters(builder, TrainingHyperparameters.from(training), normalised(model));
    }

    /** The training hyperparameters, then the model's values, under their names. */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>(training.toParams());
        params.putAll(model);
        return params;
    }

    /**
     * Values as a checkpoint holds them: whole-number types that fit become {@code Integer}, other numbers
     * {@code Double}, lists lists of {@code Double}; booleans and strings stay.
     *
     * @throws IllegalArgumentException for any other type
     */
    static Map<String, Object> normalised(Map<String, Object> values) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                normalised.put(name, normalised(name, value));
            }
        });
        return normalised;
    }

    private static Object normalised(String name, Object value) {
        if (value instanceof Integer || value instanceof Boolean || value instanceof String
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            Number number = (Number) value;
            boolean fits = value instanceof BigInteger big ? big.bitLength() < Integer.SIZE
                    : number.longValue() == number.intValue();
            return fits ? (Object) number.intValue() : (Object) number.doubleValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Double> numbers = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Number number)) {
                    throw new IllegalArgumentException(name + " must be a list of numbers, was " + list);
                }
                numbers.add(number.doubleValue());
            }
            return List.copyOf(numbers);
        }
        throw new IllegalArgumentException(name + " has a value of type " + value.getClass().getName()
                + ": hyperparameters are numbers, booleans, strings or lists of numbers");
    }
}

package dev.hpo.runner.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * The {@code mlp} model builder: {@code Flatten -> (Dense(units_i) -> activation [-> Dropout(dropout)]) x layers ->
 * Dense(classes)}, the Keras "hello world" classifier grown by its hyperparameters; logits out, the loss applies
 * the softmax. Takes any input shape (it flattens). DJL names the parameters by position and block type
 * ({@code 02Linear_weight}, {@code 02Linear_bias}, ...), the same in every process and the same as before this
 * builder had a name, so older checkpoints resume.
 * <p>
 * Strict: {@code units_i} with {@code i > layers}, and {@code units} when every layer has its own
 * {@code units_i}, are refused, since the network would not use them.
 */
public final class MlpBuilder implements ModelBuilder {

    public static final String NAME = "mlp";
    public static final String LAYERS = "layers";
    public static final String UNITS = "units";
    /** {@code units_1} .. {@code units_16}: the units of one hidden layer, overriding {@code units}. */
    public static final String UNITS_OF_LAYER = "units_";
    public static final String ACTIVATION = HiddenActivation.NAME;
    public static final String DROPOUT = "dropout";

    public static final int MAX_LAYERS = 16;
    public static final int DEFAULT_LAYERS = 1;
    public static final int DEFAULT_UNITS = 128;
    public static final HiddenActivation DEFAULT_ACTIVATION = HiddenActivation.RELU;
    public static final double DEFAULT_DROPOUT = 0.0;

    private static final Pattern LAYER_UNITS = Pattern.compile("units_([1-9][0-9]?)");
    private static final Set<String> HYPERPARAMETERS = hyperparameterNames();

    /**
     * What the builder makes of a trial's values.
     *
     * @param units      width of each hidden Dense layer, first layer first
     * @param activation activation of every hidden layer
     * @param dropout    dropout rate after each hidden layer during training, 0 for none
     */
    public record Settings(List<Integer> units, HiddenActivation activation, double dropout) {

        public Settings {
            units = List.copyOf(units);
            if (units.isEmpty() || units.size() > MAX_LAYERS) {
                throw new IllegalArgumentException(LAYERS + " must be in [1, " + MAX_LAYERS + "], was "
                        + units.size());
            }
        }

        /** The values under their hyperparameter names, every layer's units spelled out. */
        public Map<String, Object> toValues() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(LAYERS, units.size());
            for (int layer = 1; layer <= units.size(); layer++) {
                values.put(UNITS_OF_LAYER + layer, units.get(layer - 1));
            }
            values.put(ACTIVATION, activation.keyword());
            values.put(DROPOUT, dropout);
            return values;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> hyperparameters() {
        return HYPERPARAMETERS;
    }

    @Override
    public SequentialBlock build(ModelInput input, Map<String, Object> values) {
        return network(input, settings(values));
    }

    @Override
    public Map<String, Object> resolve(Map<String, Object> values) {
        return settings(values).toValues();
    }

    /** @throws IllegalArgumentException naming the hyperparameter, for a wrong type, a range or a name that is unused */
    public static Settings settings(Map<String, Object> values) {
        HyperparameterReader reader = new HyperparameterReader(values);
        int layers = reader.wholeNumber(LAYERS, DEFAULT_LAYERS, 1, MAX_LAYERS);
        List<Integer> units = new ArrayList<>();
        for (int layer = 1; layer <= layers; layer++) {
            String name = UNITS_OF_LAYER + layer;
            units.add(reader.has(name) ? reader.wholeNumber(name, 0, 1, Integer.MAX_VALUE)
                    : reader.wholeNumber(UNITS, DEFAULT_UNITS, 1, Integer.MAX_VALUE));
        }
        HiddenActivation activation = HiddenActivation.of(reader.choice(ACTIVATION, null,
                DEFAULT_ACTIVATION.keyword()));
        double dropout = reader.fraction(DROPOUT, DEFAULT_DROPOUT);
        reader.refuseUnread(name -> whereItApplies(name, layers), LAYERS + " " + layers);
        return new Settings(units, activation, dropout);
    }

    /** The network of {@code settings}; the first block flattens each sample to {@code input.features()} values. */
    public static SequentialBlock network(ModelInput input, Settings settings) {
        SequentialBlock network = new SequentialBlock().add(Blocks.batchFlattenBlock(input.features()));
        for (int units : settings.units()) {
            network.add(Linear.builder().setUnits(units).build());
            network.add(new LambdaBlock(settings.activation().function()));
            if (settings.dropout() > 0) {
                network.add(Dropout.builder().optRate((float) settings.dropout()).build());
            }
        }
        return network.add(Linear.builder().setUnits(input.classes()).build());
    }

    private static String whereItApplies(String name, int layers) {
        Matcher matcher = LAYER_UNITS.matcher(name);
        if (matcher.matches()) {
            return LAYERS + " >= " + matcher.group(1) + " (layers is " + layers + ")";
        }
        return UNITS.equals(name) ? "a hidden layer without its own units_<i>; every layer here has one"
                : "another setting";
    }

    private static Set<String> hyperparameterNames() {
        Set<String> names = new LinkedHashSet<>(List.of(LAYERS, UNITS));
        for (int layer = 1; layer <= MAX_LAYERS; layer++) {
            names.add(UNITS_OF_LAYER + layer);
        }
        names.add(ACTIVATION);
        names.add(DROPOUT);
        return Collections.unmodifiableSet(names);
    }
}

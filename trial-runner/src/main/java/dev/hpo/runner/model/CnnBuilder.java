package dev.hpo.runner.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The {@code cnn} model builder, a small image classifier in the Keras tutorial style:
 * {@code (Conv2d(filters_i, kernel_size, padding same) -> activation -> MaxPool 2x2) x conv_layers -> Flatten ->
 * Dense(units) -> activation [-> Dropout(dropout)] -> Dense(classes)}. The filters double with each convolution
 * block: {@code filters}, {@code 2 * filters}, {@code 4 * filters}. Needs image samples
 * {@code (channels, height, width)} at least {@code 2^conv_layers} pixels on each side, since every block halves
 * them (rounding down).
 */
public final class CnnBuilder implements ModelBuilder {

    public static final String NAME = "cnn";
    public static final String CONV_LAYERS = "conv_layers";
    public static final String FILTERS = "filters";
    public static final String KERNEL_SIZE = "kernel_size";
    public static final String UNITS = "units";
    public static final String ACTIVATION = HiddenActivation.NAME;
    public static final String DROPOUT = "dropout";

    public static final int MAX_CONV_LAYERS = 3;
    public static final int MAX_FILTERS = 1024;
    public static final List<Integer> KERNEL_SIZES = List.of(3, 5);
    public static final int DEFAULT_CONV_LAYERS = 2;
    public static final int DEFAULT_FILTERS = 32;
    public static final int DEFAULT_KERNEL_SIZE = 3;
    public static final int DEFAULT_UNITS = 128;
    public static final HiddenActivation DEFAULT_ACTIVATION = HiddenActivation.RELU;
    public static final double DEFAULT_DROPOUT = 0.0;

    private static final Set<String> HYPERPARAMETERS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(CONV_LAYERS, FILTERS, KERNEL_SIZE, UNITS, ACTIVATION, DROPOUT)));

    /**
     * What the builder makes of a trial's values.
     *
     * @param convLayers convolution blocks
     * @param filters    filters of the first block; each further block has twice as many
     * @param kernelSize side of the square convolution kernels (odd, so "same" padding is symmetric)
     * @param units      width of the hidden Dense layer
     * @param activation after every convolution and the hidden Dense layer
     * @param dropout    dropout rate after the hidden Dense layer during training, 0 for none
     */
    public record Settings(int convLayers, int filters, int kernelSize, int units, HiddenActivation activation,
            double dropout) {

        /** The filters of block {@code block} (1-based). */
        public int filtersOf(int block) {
            return filters << (block - 1);
        }

        public Map<String, Object> toValues() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(CONV_LAYERS, convLayers);
            values.put(FILTERS, filters);
            values.put(KERNEL_SIZE, kernelSize);
            values.put(UNITS, units);
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

    /** @throws IllegalArgumentException naming the hyperparameter and the values it accepts */
    public static Settings settings(Map<String, Object> values) {
        HyperparameterReader reader = new HyperparameterReader(values);
        Settings settings = new Settings(
                reader.wholeNumber(CONV_LAYERS, DEFAULT_CONV_LAYERS, 1, MAX_CONV_LAYERS),
                reader.wholeNumber(FILTERS, DEFAULT_FILTERS, 1, MAX_FILTERS),
                reader.wholeNumberOf(KERNEL_SIZE, DEFAULT_KERNEL_SIZE, KERNEL_SIZES),
                reader.wholeNumber(UNITS, DEFAULT_UNITS, 1, Integer.MAX_VALUE),
                HiddenActivation.of(reader.choice(ACTIVATION, null, DEFAULT_ACTIVATION.keyword())),
                reader.fraction(DROPOUT, DEFAULT_DROPOUT));
        reader.refuseUnread(name -> "another builder", NAME);
        return settings;
    }

    /** @throws IllegalArgumentException when the samples are not images, or too small for the pooling */
    public static SequentialBlock network(ModelInput input, Settings settings) {
        if (!input.isImage()) {
            throw new IllegalArgumentException("the " + NAME + " builder needs image samples (channels x height x"
                    + " width), but this dataset's samples have shape " + input.shape() + "; use an image dataset"
                    + " (fashion-mnist, mnist) or the mlp builder");
        }
        long smallest = 1L << settings.convLayers();
        if (input.height() < smallest || input.width() < smallest) {
            throw new IllegalArgumentException(CONV_LAYERS + " " + settings.convLayers() + " halves the images "
                    + settings.convLayers() + " times, which needs at least " + smallest + "x" + smallest
                    + " pixels; these are " + input.height() + "x" + input.width());
        }
        int padding = (settings.kernelSize() - 1) / 2;
        SequentialBlock network = new SequentialBlock();
        for (int block = 1; block <= settings.convLayers(); block++) {
            network.add(Conv2d.builder()
                    .setKernelShape(new Shape(settings.kernelSize(), settings.kernelSize()))
                    .optPadding(new Shape(padding, padding))
                    .setFilters(settings.filtersOf(block))
                    .build());
            network.add(new LambdaBlock(settings.activation().function()));
            network.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        network.add(Blocks.batchFlattenBlock());
        network.add(Linear.builder().setUnits(settings.units()).build());
        network.add(new LambdaBlock(settings.activation().function()));
        if (settings.dropout() > 0) {
            network.add(Dropout.builder().optRate((float) settings.dropout()).build());
        }
        return network.add(Linear.builder().setUnits(input.classes()).build());
    }
}

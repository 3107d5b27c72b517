package dev.hpo.runner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/** The {@code cnn} builder's structure, shapes, defaults and refusals, on the engine without a trainer. */
class CnnBuilderTest {

    private static final ModelInput FASHION_MNIST = ModelInput.image(1, 28, 28, 10);
    private static final CnnBuilder CNN = new CnnBuilder();

    @BeforeAll
    static void engine() {
        TestEngine.configure();
    }

    @Test
    void defaultsAreTwoBlocksOf32And64FiltersThenDense128() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = initialised(manager, Map.of());

            Map<String, Shape> shapes = shapes(network);
            assertEquals(List.of("01Conv2d_weight", "01Conv2d_bias", "04Conv2d_weight", "04Conv2d_bias",
                    "08Linear_weight", "08Linear_bias", "10Linear_weight", "10Linear_bias"),
                    List.copyOf(shapes.keySet()), "Conv, activation, pool twice; flatten, Dense, activation, Dense");
            assertEquals(new Shape(32, 1, 3, 3), shapes.get("01Conv2d_weight"));
            assertEquals(new Shape(64, 32, 3, 3), shapes.get("04Conv2d_weight"), "filters double per block");
            assertEquals(new Shape(128, 64 * 7 * 7), shapes.get("08Linear_weight"), "28 -> 14 -> 7, same padding");
            assertEquals(new Shape(10, 128), shapes.get("10Linear_weight"));
            long expected = (32 * 9 + 32) + (64 * 32 * 9 + 64) + (3136 * 128 + 128) + (128 * 10 + 10);
            assertEquals(expected, parameterCount(network));
        }
    }

    @Test
    void kernelSizeFiveKeepsTheImageSizeAndThreeBlocksPoolToThree() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = initialised(manager, Map.of("conv_layers", 3, "filters", 8, "kernel_size", 5,
                    "units", 16, "dropout", 0.5));

            Map<String, Shape> shapes = shapes(network);
            assertEquals(new Shape(8, 1, 5, 5), shapes.get("01Conv2d_weight"));
            assertEquals(new Shape(32, 16, 5, 5), shapes.get("07Conv2d_weight"));
            assertEquals(new Shape(16, 32 * 3 * 3), shapes.get("11Linear_weight"), "28 -> 14 -> 7 -> 3");
            assertEquals(new Shape(10, 16), shapes.get("14Linear_weight"), "after Dense, activation, Dropout");
        }
    }

    @Test
    void returnsLogitsPerSampleAndDropsUnitsOnlyWhileTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = initialised(manager, Map.of("filters", 4, "units", 8, "dropout", 0.5,
                    "activation", "tanh"));
            NDArray x = manager.randomUniform(0, 1, new Shape(3, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);

            NDArray evaluated = network.forward(store, new NDList(x), false).singletonOrThrow();

            assertEquals(new Shape(3, 10), evaluated.getShape());
            assertEquals(evaluated, network.forward(store, new NDList(x), false).singletonOrThrow());
            assertNotEquals(evaluated, network.forward(store, new NDList(x), true).singletonOrThrow());
        }
    }

    @Test
    void everyKernelIsAWeightParameterSoL2PenalisesIt() {
        Block network = CNN.build(FASHION_MNIST, Map.of("conv_layers", 1));
        List<String> weights = network.getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT).map(Pair::getKey).toList();

        assertEquals(List.of("01Conv2d_weight", "05Linear_weight", "07Linear_weight"), weights);
    }

    @Test
    void resolveFillsInTheDefaults() {
        assertEquals(Map.of("conv_layers", 2, "filters", 32, "kernel_size", 3, "units", 128, "activation", "relu",
                "dropout", 0.0), CNN.resolve(Map.of()));
        assertEquals(CNN.resolve(Map.of("kernel_size", 5)), CNN.resolve(Map.of("kernel_size", 5.0)));
    }

    @Test
    void refusesBadValuesNamingTheHyperparameterAndWhatItAccepts() {
        assertEquals("conv_layers must be in [1, 3], was 4", refused(Map.of("conv_layers", 4)));
        assertEquals("kernel_size must be one of [3, 5], was 4", refused(Map.of("kernel_size", 4)));
        assertEquals("filters must be in [1, 1024], was 0", refused(Map.of("filters", 0)));
        assertEquals("units must be >= 1, was -3", refused(Map.of("units", -3)));
        assertEquals("dropout must be in [0, 1), was 1.5", refused(Map.of("dropout", 1.5)));
        assertTrue(refused(Map.of("activation", "softmax")).startsWith("activation must be one of [relu,"));
    }

    @Test
    void refusesFlatSamplesSayingWhy() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> CNN.build(ModelInput.features(4, 3), Map.of())).getMessage();

        assertTrue(message.startsWith("the cnn builder needs image samples (channels x height x width), but this"
                + " dataset's samples have shape (4)"), message);
    }

    @Test
    void refusesImagesTooSmallForThePooling() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> CNN.build(ModelInput.image(3, 4, 4, 2), Map.of("conv_layers", 3))).getMessage();

        assertEquals("conv_layers 3 halves the images 3 times, which needs at least 8x8 pixels; these are 4x4",
                message);
    }

    private static String refused(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> CNN.build(FASHION_MNIST, values)).getMessage();
    }

    private static Block initialised(NDManager manager, Map<String, Object> values) {
        Block network = CNN.build(FASHION_MNIST, values);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        return network;
    }

    private static long parameterCount(Block network) {
        long count = 0;
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    private static Map<String, Shape> shapes(Block network) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            shapes.put(parameter.getKey(), parameter.getValue().getArray().getShape());
        }
        return shapes;
    }
}

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

/** The {@code mlp} builder's shapes, activations and dropout, on the engine without a trainer. */
class MlpBuilderTest {

    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    private static final MlpBuilder MLP = new MlpBuilder();

    @BeforeAll
    static void engine() {
        TestEngine.configure();
    }

    @Test
    void threeHiddenLayersOfTheirOwnWidthsHaveTheParametersTheFormulaCounts() {
        Map<String, Object> values = Map.of("layers", 3, "units_1", 64, "units_2", 32, "units_3", 16);

        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = initialised(manager, values);

            long expected = (784 * 64 + 64) + (64 * 32 + 32) + (32 * 16 + 16) + (16 * 10 + 10);
            assertEquals(53_018, expected);
            assertEquals(expected, parameterCount(network));
            Map<String, Shape> shapes = shapes(network);
            assertEquals(List.of("02Linear_weight", "02Linear_bias", "04Linear_weight", "04Linear_bias",
                    "06Linear_weight", "06Linear_bias", "08Linear_weight", "08Linear_bias"),
                    List.copyOf(shapes.keySet()));
            assertEquals(new Shape(64, 784), shapes.get("02Linear_weight"));
            assertEquals(new Shape(16, 32), shapes.get("06Linear_weight"));
            assertEquals(new Shape(10, 16), shapes.get("08Linear_weight"));
        }
    }

    @Test
    void defaultsAreTheKerasExampleWithOneHiddenLayerOf128() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = initialised(manager, Map.of());

            assertEquals(784 * 128 + 128 + 128 * 10 + 10, parameterCount(network));
        }
    }

    @Test
    void dropoutAddsNoParametersAndIsOffDuringEvaluation() {
        Map<String, Object> withDropout = Map.of("units", 32, "dropout", 0.5);

        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = initialised(manager, withDropout);
            NDArray x = manager.randomUniform(0, 1, new Shape(4, FEATURES));
            ParameterStore store = new ParameterStore(manager, false);

            assertEquals(784 * 32 + 32 + 32 * 10 + 10, parameterCount(network));
            assertEquals(List.of("02Linear_weight", "02Linear_bias", "05Linear_weight", "05Linear_bias"),
                    List.copyOf(shapes(network).keySet()), "Linear, activation, Dropout, Linear");
            NDArray evaluated = network.forward(store, new NDList(x), false).singletonOrThrow();
            assertEquals(evaluated, network.forward(store, new NDList(x), false).singletonOrThrow(),
                    "evaluation is deterministic");
            assertNotEquals(evaluated, network.forward(store, new NDList(x), true).singletonOrThrow(),
                    "training drops units");
        }
    }

    @Test
    void everyActivationRunsAndGivesFiniteOutputs() {
        for (HiddenActivation activation : HiddenActivation.values()) {
            Map<String, Object> values = Map.of("units", 8, "activation", activation.keyword());
            try (NDManager manager = NDManager.newBaseManager()) {
                Block network = initialised(manager, values);
                NDArray x = manager.randomNormal(new Shape(3, FEATURES));

                NDArray logits = network.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();

                assertEquals(new Shape(3, CLASSES), logits.getShape());
                assertTrue(logits.isInfinite().logicalOr(logits.isNaN()).none().getBoolean(), activation.keyword());
            }
        }
    }

    @Test
    void activationsMatchTheirKerasDefinitions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-2f, -0.5f, 0f, 1.5f});
            assertActivation(HiddenActivation.LEAKY_RELU, x, new double[] {-0.4, -0.1, 0, 1.5});
            assertActivation(HiddenActivation.ELU, x, new double[] {Math.expm1(-2), Math.expm1(-0.5), 0, 1.5});
            assertActivation(HiddenActivation.SWISH, x, new double[] {-2 / (1 + Math.exp(2)),
                    -0.5 / (1 + Math.exp(0.5)), 0, 1.5 / (1 + Math.exp(-1.5))});
            assertActivation(HiddenActivation.SOFTPLUS, x, new double[] {Math.log1p(Math.exp(-2)),
                    Math.log1p(Math.exp(-0.5)), Math.log(2), Math.log1p(Math.exp(1.5))});
            assertActivation(HiddenActivation.MISH, x, new double[] {-2 * Math.tanh(Math.log1p(Math.exp(-2))),
                    -0.5 * Math.tanh(Math.log1p(Math.exp(-0.5))), 0, 1.5 * Math.tanh(Math.log1p(Math.exp(1.5)))});
        }
    }

    @Test
    void takesImagesAsWellAsFlatSamplesWithTheSameParameters() {
        ModelInput image = ModelInput.image(1, 28, 28, CLASSES);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = MLP.build(image, Map.of("units", 16));
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));

            NDArray logits = network.forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(5, 1, 28, 28))), false).singletonOrThrow();

            assertEquals(new Shape(5, CLASSES), logits.getShape());
            assertEquals(new Shape(16, 784), shapes(network).get("02Linear_weight"));
        }
    }

    @Test
    void resolveSpellsOutEveryLayerAndTheDefaults() {
        assertEquals(Map.of("layers", 2, "units_1", 64, "units_2", 32, "activation", "relu", "dropout", 0.0),
                MLP.resolve(Map.of("layers", 2.0, "units", 64, "units_2", 32)));
        assertEquals(MlpBuilder.settings(Map.of()), MlpBuilder.settings(MLP.resolve(Map.of())));
    }

    @Test
    void refusesBadValuesNamingTheHyperparameterAndWhatItAccepts() {
        assertEquals("layers must be in [1, 16], was 17", refused(Map.of("layers", 17)));
        assertEquals("units must be >= 1, was 0", refused(Map.of("units", 0)));
        assertEquals("units must be a whole number, was 12.5", refused(Map.of("units", 12.5)));
        assertEquals("dropout must be in [0, 1), was 1.0", refused(Map.of("dropout", 1)));
        assertEquals("activation must be one of [relu, tanh, sigmoid, gelu, elu, selu, softplus, leaky_relu,"
                + " swish, mish], was 'softmax'", refused(Map.of("activation", "softmax")));
        assertTrue(refused(Map.of("layers", 2, "units_3", 16))
                .contains("'units_3' applies only with layers >= 3 (layers is 2)"));
    }

    private static String refused(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> MLP.build(ModelInput.features(FEATURES, CLASSES),
                values)).getMessage();
    }

    private static void assertActivation(HiddenActivation activation, NDArray x, double[] expected) {
        float[] actual = activation.function().apply(new NDList(x)).singletonOrThrow().toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, activation.keyword() + "(" + x.toFloatArray()[i] + ")");
        }
    }

    private static Block initialised(NDManager manager, Map<String, Object> values) {
        Block network = MLP.build(ModelInput.features(FEATURES, CLASSES), values);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
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

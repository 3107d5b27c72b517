package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/** The model builder's shapes, activations, dropout and L2 penalty, on the engine without a trainer. */
class MlpNetworkTest {

    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    @BeforeAll
    static void engine() {
        RealFashionMnist.configureEngine();
    }

    @Test
    void threeHiddenLayersOfTheirOwnWidthsHaveTheParametersTheFormulaCounts() {
        TrainingHyperparameters hyperparameters = TrainingHyperparameters.from(Map.of("layers", 3, "units_1", 64,
                "units_2", 32, "units_3", 16));

        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock network = initialised(manager, hyperparameters);

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
            SequentialBlock network = initialised(manager, TrainingHyperparameters.DEFAULTS);

            assertEquals(784 * 128 + 128 + 128 * 10 + 10, parameterCount(network));
        }
    }

    @Test
    void dropoutAddsNoParametersAndIsOffDuringEvaluation() {
        TrainingHyperparameters withDropout = TrainingHyperparameters.from(Map.of("units", 32, "dropout", 0.5));

        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock network = initialised(manager, withDropout);
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
            TrainingHyperparameters hyperparameters = TrainingHyperparameters.from(Map.of("units", 8,
                    "activation", activation.keyword()));
            try (NDManager manager = NDManager.newBaseManager()) {
                SequentialBlock network = initialised(manager, hyperparameters);
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
    void l2PenaltyAddsTwoLambdaWToTheKernelGradientOnly() {
        float lambda = 0.01f;
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock network = initialised(manager, TrainingHyperparameters.from(Map.of("units", 4)));
            List<Parameter> kernels = MlpNetwork.kernels(network);
            assertEquals(List.of("weight", "weight"), kernels.stream().map(Parameter::getName).toList());
            double sumOfSquares = 0;
            for (Parameter kernel : kernels) {
                sumOfSquares += kernel.getArray().square().sum().getFloat();
            }

            NDArray penalty;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                penalty = MlpNetwork.l2Penalty(kernels, lambda, manager);
                collector.backward(penalty);
            }

            assertEquals(lambda * sumOfSquares, penalty.getFloat(), 1e-6 * lambda * sumOfSquares);
            for (Pair<String, Parameter> parameter : network.getParameters()) {
                float[] w = parameter.getValue().getArray().toFloatArray();
                float[] gradient = parameter.getValue().getArray().getGradient().toFloatArray();
                boolean kernel = parameter.getValue().getType() == Parameter.Type.WEIGHT;
                for (int i = 0; i < w.length; i++) {
                    double expected = kernel ? 2 * lambda * w[i] : 0;
                    assertEquals(expected, gradient[i], 1e-6 * Math.abs(expected) + 1e-12,
                            parameter.getKey() + "[" + i + "]");
                }
            }
        }
    }

    private static void assertActivation(HiddenActivation activation, NDArray x, double[] expected) {
        float[] actual = activation.function().apply(new NDList(x)).singletonOrThrow().toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, activation.keyword() + "(" + x.toFloatArray()[i] + ")");
        }
    }

    private static SequentialBlock initialised(NDManager manager, TrainingHyperparameters hyperparameters) {
        SequentialBlock network = MlpNetwork.build(FEATURES, CLASSES, hyperparameters);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
        return network;
    }

    private static long parameterCount(SequentialBlock network) {
        long count = 0;
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    private static Map<String, Shape> shapes(SequentialBlock network) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            shapes.put(parameter.getKey(), parameter.getValue().getArray().getShape());
        }
        return shapes;
    }
}

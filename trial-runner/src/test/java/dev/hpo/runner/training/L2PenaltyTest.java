package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.hpo.runner.model.CnnBuilder;
import dev.hpo.runner.model.MlpBuilder;
import dev.hpo.runner.model.ModelInput;

/** Keras' L2 penalty on the weight parameters of any network, against its definition. */
class L2PenaltyTest {

    @BeforeAll
    static void engine() {
        RealFashionMnist.configureEngine();
    }

    @Test
    void addsTwoLambdaWToTheKernelGradientOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = new MlpBuilder().build(ModelInput.features(784, 10), Map.of("units", 4));
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 784));
            List<Parameter> kernels = L2Penalty.kernels(network);
            assertEquals(List.of("weight", "weight"), kernels.stream().map(Parameter::getName).toList());

            assertPenaltyAndGradient(network, kernels, manager);
        }
    }

    @Test
    void penalisesConvolutionKernelsAsWell() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = new CnnBuilder().build(ModelInput.image(1, 8, 8, 3), Map.of("conv_layers", 1,
                    "filters", 2, "units", 4));
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            List<Parameter> kernels = L2Penalty.kernels(network);
            assertEquals(3, kernels.size(), "one convolution and two Dense kernels");

            assertPenaltyAndGradient(network, kernels, manager);
        }
    }

    private static void assertPenaltyAndGradient(Block network, List<Parameter> kernels, NDManager manager) {
        float lambda = 0.01f;
        double sumOfSquares = 0;
        for (Parameter kernel : kernels) {
            sumOfSquares += kernel.getArray().square().sum().getFloat();
        }

        NDArray penalty;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            penalty = L2Penalty.of(kernels, lambda, manager);
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

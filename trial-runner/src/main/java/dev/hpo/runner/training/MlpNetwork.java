package dev.hpo.runner.training;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;

/**
 * The {@code mlp} model builder: {@code Flatten -> (Dense(units_i) -> activation [-> Dropout(dropout)]) x layers ->
 * Dense(classes)}, the Keras "hello world" classifier grown by its hyperparameters; logits out, the loss applies
 * the softmax. DJL names the parameters by position and block type ({@code 02Linear_weight}, {@code 02Linear_bias},
 * ...), the same in every process.
 */
public final class MlpNetwork {

    private MlpNetwork() {
    }

    public static SequentialBlock build(int features, int classes, TrainingHyperparameters hyperparameters) {
        SequentialBlock network = new SequentialBlock().add(Blocks.batchFlattenBlock(features));
        for (int units : hyperparameters.units()) {
            network.add(Linear.builder().setUnits(units).build());
            network.add(new LambdaBlock(hyperparameters.activation().function()));
            if (hyperparameters.dropout() > 0) {
                network.add(Dropout.builder().optRate((float) hyperparameters.dropout()).build());
            }
        }
        return network.add(Linear.builder().setUnits(classes).build());
    }

    /** The Dense kernels (weights, not biases): what Keras' {@code kernel_regularizer} penalises. */
    public static List<Parameter> kernels(SequentialBlock network) {
        List<Parameter> kernels = new ArrayList<>();
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            if (parameter.getValue().getType() == Parameter.Type.WEIGHT) {
                kernels.add(parameter.getValue());
            }
        }
        return kernels;
    }

    /**
     * Keras' {@code l2(lambda)} summed over {@code kernels}: {@code lambda * sum(w^2)}, whose gradient is
     * {@code 2 * lambda * w} on each kernel. The result and its temporaries live in {@code scope}.
     */
    public static NDArray l2Penalty(List<Parameter> kernels, float lambda, NDManager scope) {
        NDArray sum = null;
        for (Parameter kernel : kernels) {
            NDArray squares = kernel.getArray().square();
            squares.attach(scope);
            NDArray kernelSum = squares.sum();
            sum = sum == null ? kernelSum : sum.add(kernelSum);
        }
        if (sum == null) {
            return scope.create(0f);
        }
        return sum.mul(lambda);
    }
}

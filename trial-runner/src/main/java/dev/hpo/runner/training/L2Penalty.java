package dev.hpo.runner.training;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Keras' {@code kernel_regularizer=l2(lambda)} on every kernel of a network: {@code lambda * sum(w^2)} over the
 * {@link Parameter.Type#WEIGHT WEIGHT} parameters (Dense and convolution kernels; not biases, nor normalisation
 * scales), whose gradient is {@code 2 * lambda * w} on each kernel.
 */
public final class L2Penalty {

    private L2Penalty() {
    }

    /** The weight parameters of {@code network}: what Keras' {@code kernel_regularizer} penalises. */
    public static List<Parameter> kernels(Block network) {
        List<Parameter> kernels = new ArrayList<>();
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            if (parameter.getValue().getType() == Parameter.Type.WEIGHT) {
                kernels.add(parameter.getValue());
            }
        }
        return kernels;
    }

    /** The penalty summed over {@code kernels}. The result and its temporaries live in {@code scope}. */
    public static NDArray of(List<Parameter> kernels, float lambda, NDManager scope) {
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

package dev.hpo.runner.training;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

/**
 * Stochastic gradient descent as Keras' {@code SGD} computes it, Nesterov included, in float32, with the
 * {@code momentum} buffer (when {@code momentum > 0}) kept per parameter name:
 * <pre>
 * momentum = 0:  w -= lr * g
 * otherwise:     buffer = momentum * buffer - lr * g
 *                w += buffer                              (plain)
 *                w += momentum * buffer - lr * g          (Nesterov)
 * </pre>
 * {@code torch.optim.SGD} keeps the learning rate out of the buffer ({@code buffer = momentum * buffer + g},
 * {@code w -= lr * buffer}, Nesterov {@code w -= lr * (g + momentum * buffer)}): the same steps while the rate is
 * constant, different ones once it changes. DJL's {@code Sgd} has no Nesterov variant.
 */
public final class ResumableSgd extends ResumableOptimizer {

    /** Name of the algorithm in checkpoints and in the {@code optimizer} hyperparameter. */
    public static final String ALGORITHM = "sgd";

    private final float momentum;
    private final boolean nesterov;

    public ResumableSgd(PairList<String, Parameter> parameters, LearningRateSchedule schedule, float weightDecay,
            float momentum, boolean nesterov) {
        super(parameters, schedule, weightDecay, momentum > 0f ? List.of("momentum") : List.of());
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    protected void apply(NDArray w, NDArray g, NDArray[] slots, float learningRate, int t) {
        if (momentum == 0f) {
            w.subi(g.mul(learningRate));
            return;
        }
        NDArray buffer = slots[0];
        NDArray scaledGradient = g.mul(learningRate);
        buffer.muli(momentum).subi(scaledGradient);
        if (nesterov) {
            w.addi(buffer.mul(momentum).subi(scaledGradient));
        } else {
            w.addi(buffer);
        }
    }
}

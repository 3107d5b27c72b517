package dev.hpo.runner.training;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

/**
 * RMSprop as Keras' {@code RMSprop} computes it (not centered), in float32, with the squares average
 * {@code velocity} and, when {@code momentum > 0}, the {@code momentum} buffer kept per parameter name:
 * <pre>
 * velocity = rho * velocity + (1 - rho) * g * g
 * increment = lr * g / sqrt(velocity + epsilon)
 * momentum > 0:  buffer = momentum * buffer + increment;  w -= buffer
 * otherwise:     w -= increment
 * </pre>
 * {@code torch.optim.RMSprop} differs in two places: it adds epsilon after the square root
 * ({@code g / (sqrt(velocity) + eps)}) and keeps the learning rate out of the buffer
 * ({@code buffer = momentum * buffer + g / ...; w -= lr * buffer}), which matters once the rate changes.
 * DJL's {@code Optimizer.rmsprop()} throws on the PyTorch engine, which is why this one exists.
 */
public final class ResumableRmsProp extends ResumableOptimizer {

    /** Name of the algorithm in checkpoints and in the {@code optimizer} hyperparameter. */
    public static final String ALGORITHM = "rmsprop";

    private final float rho;
    private final float momentum;
    private final float epsilon;

    public ResumableRmsProp(PairList<String, Parameter> parameters, LearningRateSchedule schedule,
            float weightDecay, float rho, float momentum, float epsilon) {
        super(parameters, schedule, weightDecay, momentum > 0f ? List.of("velocity", "momentum")
                : List.of("velocity"));
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    protected void apply(NDArray w, NDArray g, NDArray[] slots, float learningRate, int t) {
        NDArray velocity = slots[0];
        velocity.muli(rho).addi(g.square().muli(1f - rho));
        NDArray increment = g.mul(learningRate).divi(velocity.add(epsilon).sqrt());
        if (momentum > 0f) {
            NDArray buffer = slots[1];
            buffer.muli(momentum).addi(increment);
            w.subi(buffer);
        } else {
            w.subi(increment);
        }
    }
}

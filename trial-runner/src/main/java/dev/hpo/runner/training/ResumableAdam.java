package dev.hpo.runner.training;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

/**
 * Adam, as Keras' {@code Adam} (and DJL's native {@code adamUpdate}) compute it, step for step in float32, with
 * the first moment {@code m}, the second moment {@code v} and the update count {@code t} kept per parameter name:
 * <pre>
 * m  = beta1 * m + (1 - beta1) * g
 * v  = beta2 * v + (1 - beta2) * g * g
 * w -= (lr * sqrt(1 - beta2^t) / (1 - beta1^t)) * m / (sqrt(v) + epsilon)
 * </pre>
 * The bias corrections are folded into the step size, computed in double and rounded to float once, and epsilon is
 * added to {@code sqrt(v)}, not to the bias-corrected {@code sqrt(v / (1 - beta2^t))} as in {@code torch.optim.Adam};
 * the two differ by a factor of {@code sqrt(1 - beta2^t)} on epsilon. PyTorch fuses some multiply-adds of DJL's
 * native update, so results agree with DJL's {@code Adam} to rounding, not bit for bit; what is bit for bit is a run
 * of this optimiser against itself, interrupted and restored or not. With weight decay it is AdamW (see
 * {@link ResumableOptimizer}).
 */
public final class ResumableAdam extends ResumableOptimizer {

    /** Name of the algorithm in checkpoints and in the {@code optimizer} hyperparameter. */
    public static final String ALGORITHM = "adam";

    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public ResumableAdam(PairList<String, Parameter> parameters, LearningRateSchedule schedule, float weightDecay,
            float beta1, float beta2, float epsilon) {
        super(parameters, schedule, weightDecay, List.of("m", "v"));
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    protected void apply(NDArray w, NDArray g, NDArray[] slots, float learningRate, int t) {
        NDArray m = slots[0];
        NDArray v = slots[1];
        float stepSize = (float) (learningRate * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t)));
        m.muli(beta1).addi(g.mul(1f - beta1));
        v.muli(beta2).addi(g.mul(1f - beta2).muli(g));
        w.subi(m.mul(stepSize).divi(v.sqrt().addi(epsilon)));
    }
}

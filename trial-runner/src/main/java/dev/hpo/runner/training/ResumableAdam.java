package dev.hpo.runner.training;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Adam whose state the runner owns, so that a checkpoint can hold it.
 * <p>
 * DJL's own {@code Adam} keeps its moments privately, keyed by parameter ids that are new in every process, and
 * offers no way to read or set them. This one keeps, per parameter <em>name</em>, the first moment {@code m}, the
 * second moment {@code v} and the number of updates {@code t}, and exports and restores them as {@link State}.
 * <p>
 * The arithmetic is that of DJL's {@code Adam} on the PyTorch engine (its native {@code adamUpdate}), step for
 * step, in float32:
 * <pre>
 * g  = grad + weightDecay * w                     (only when weight decay is set)
 * m  = beta1 * m + (1 - beta1) * g
 * v  = beta2 * v + (1 - beta2) * g * g
 * w -= (lr * sqrt(1 - beta2^t) / (1 - beta1^t)) * m / (sqrt(v) + epsilon)
 * </pre>
 * The bias corrections are folded into the step size, computed in double and rounded to float once, and epsilon is
 * added to {@code sqrt(v)}, not to the bias-corrected {@code sqrt(v / (1 - beta2^t))} as in {@code torch.optim.Adam};
 * the two differ by a factor of {@code sqrt(1 - beta2^t)} on epsilon. PyTorch fuses some multiply-adds of DJL's
 * native update, so results agree with DJL's {@code Adam} to rounding, not bit for bit; what is bit for bit is a run
 * of this optimiser against itself, interrupted and restored or not.
 * <p>
 * The learning-rate tracker is called with the 1-based update count. The trainer hands {@code update} a copy of
 * the gradient; the parameter's own gradient is zeroed here, as DJL's built-in optimisers do natively, because
 * PyTorch accumulates gradients. Temporaries live in a sub-manager closed after each update. Not thread-safe:
 * one trainer, one thread.
 */
public final class ResumableAdam extends Optimizer {

    /** Name of the algorithm in checkpoints. */
    public static final String ALGORITHM = "adam";

    private final Tracker learningRateTracker;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, String> namesById = new HashMap<>();
    private final Map<String, Parameter> parametersByName = new LinkedHashMap<>();
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private ResumableAdam(Builder builder, PairList<String, Parameter> parameters) {
        super(builder);
        if (rescaleGrad != 1f || clipGrad >= 0f) {
            throw new IllegalArgumentException("ResumableAdam supports neither gradient rescaling nor clipping");
        }
        this.learningRateTracker = Objects.requireNonNull(builder.learningRateTracker, "learningRateTracker");
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        for (Pair<String, Parameter> parameter : parameters) {
            namesById.put(parameter.getValue().getId(), parameter.getKey());
            parametersByName.put(parameter.getKey(), parameter.getValue());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = namesById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("parameter " + parameterId + " is not one of the parameters this"
                    + " optimiser was built for " + parametersByName.keySet());
        }
        Slot slot = slots.computeIfAbsent(name, n -> new Slot(0, weight.zerosLike(), weight.zerosLike()));
        int step = ++slot.step;
        double coefficient1 = 1.0 - Math.pow(beta1, step);
        double coefficient2 = 1.0 - Math.pow(beta2, step);
        float learningRate = learningRateTracker.getNewValue(step);
        float stepSize = (float) (learningRate * Math.sqrt(coefficient2) / coefficient1);
        float weightDecay = getWeightDecay();
        if (!Float.isFinite(stepSize) || !Float.isFinite(weightDecay)) {
            throw new IllegalStateException("learning rate or weight decay is NaN or infinite at update " + step
                    + " of " + name);
        }
        try (NDManager scope = weight.getManager().newSubManager()) {
            // whatever these arrays compute lands in the scope; they themselves go back to their managers
            scope.tempAttachAll(weight, grad, slot.mean, slot.variance);
            // a view of the same storage outside autograd: PyTorch's grad mode is per thread and on by default in
            // threads other than the one that loaded the engine, where an in-place change of a leaf that requires
            // a gradient is refused (DJL's native update switches grad mode off instead)
            NDArray w = weight.stopGradient();
            NDArray g = weightDecay == 0f ? grad : grad.add(w.mul(weightDecay));
            slot.mean.muli(beta1).addi(g.mul(1f - beta1));
            slot.variance.muli(beta2).addi(g.mul(1f - beta2).muli(g));
            w.subi(slot.mean.mul(stepSize).divi(slot.variance.sqrt().addi(epsilon)));
            NDArray accumulated = weight.getGradient();
            accumulated.subi(accumulated);
        }
    }

    /**
     * Copies the settings and the moments out of the engine, in the block's parameter order (DJL updates the
     * parameters in an order that differs between processes).
     */
    public State state() {
        Map<String, Moments> moments = new LinkedHashMap<>();
        for (String name : parametersByName.keySet()) {
            Slot slot = slots.get(name);
            if (slot != null) {
                moments.put(name, new Moments(slot.step, FloatTensor.of(slot.mean), FloatTensor.of(slot.variance)));
            }
        }
        return new State(beta1, beta2, epsilon, moments);
    }

    /**
     * Replaces the moments with saved ones; call after the parameters are initialised and before the first update.
     * The moments are created in {@code manager}, which must live as long as the training.
     *
     * @throws IllegalArgumentException when the settings differ or a name or shape does not fit the parameters
     */
    public void restore(State state, NDManager manager) {
        if (state.beta1() != beta1 || state.beta2() != beta2 || state.epsilon() != epsilon) {
            throw new IllegalArgumentException("saved Adam settings (beta1 " + state.beta1() + ", beta2 "
                    + state.beta2() + ", epsilon " + state.epsilon() + ") differ from this optimiser's (" + beta1
                    + ", " + beta2 + ", " + epsilon + ")");
        }
        for (Map.Entry<String, Moments> entry : state.moments().entrySet()) {
            Parameter parameter = parametersByName.get(entry.getKey());
            if (parameter == null) {
                throw new IllegalArgumentException("saved optimiser state for parameter '" + entry.getKey()
                        + "', which the model does not have; it has " + parametersByName.keySet());
            }
            Shape expected = parameter.getArray().getShape();
            checkShape(entry.getKey(), "first moment", entry.getValue().mean(), expected);
            checkShape(entry.getKey(), "second moment", entry.getValue().variance(), expected);
        }
        slots.values().forEach(Slot::close);
        slots.clear();
        state.moments().forEach((name, moments) -> slots.put(name, new Slot(moments.step(),
                engineCopy(manager, moments.mean()), engineCopy(manager, moments.variance()))));
    }

    /**
     * An engine array holding {@code tensor}'s values in memory PyTorch allocated, like the arrays an uninterrupted
     * run computes: arrays created from Java buffers stay backed by those buffers.
     */
    static NDArray engineCopy(NDManager manager, FloatTensor tensor) {
        try (NDArray wrapped = manager.create(FloatBuffer.wrap(tensor.values()), tensor.djlShape())) {
            return wrapped.duplicate();
        }
    }

    private static void checkShape(String name, String what, FloatTensor tensor, Shape expected) {
        if (!tensor.djlShape().equals(expected)) {
            throw new IllegalArgumentException("saved " + what + " of '" + name + "' has shape "
                    + Arrays.toString(tensor.shape()) + ", the parameter has " + expected);
        }
    }

    /**
     * Adam's settings and moments, keyed by parameter name.
     *
     * @param moments per parameter, in the block's order
     */
    public record State(float beta1, float beta2, float epsilon, Map<String, Moments> moments) {

        public State {
            moments = Collections.unmodifiableMap(new LinkedHashMap<>(moments));
        }
    }

    /**
     * One parameter's moments.
     *
     * @param step     updates applied so far; the next one is {@code step + 1}
     * @param mean     first moment {@code m}
     * @param variance second moment {@code v}
     */
    public record Moments(int step, FloatTensor mean, FloatTensor variance) {

        public Moments {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0, was " + step);
            }
            if (!Arrays.equals(mean.shape(), variance.shape())) {
                throw new IllegalArgumentException("moments of different shapes " + mean + " and " + variance);
            }
        }
    }

    private static final class Slot implements AutoCloseable {

        private int step;
        private final NDArray mean;
        private final NDArray variance;

        Slot(int step, NDArray mean, NDArray variance) {
            this.step = step;
            this.mean = mean;
            this.variance = variance;
        }

        @Override
        public void close() {
            mean.close();
            variance.close();
        }
    }

    /** Settings as DJL's {@code Adam.Builder} names them, with the same defaults. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private Tracker learningRateTracker = Tracker.fixed(0.001f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optLearningRateTracker(Tracker learningRateTracker) {
            this.learningRateTracker = learningRateTracker;
            return this;
        }

        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * @param parameters the block's parameters by name ({@code block.getParameters()}), created before the
         *                   trainer is: the optimiser knows them by name
         */
        public ResumableAdam build(PairList<String, Parameter> parameters) {
            return new ResumableAdam(this, parameters);
        }
    }
}

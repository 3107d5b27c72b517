package dev.hpo.runner.training;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * An optimiser whose state the runner owns, so that a checkpoint can hold it and a resumed run continues exactly.
 * <p>
 * DJL's own optimisers keep their state privately, keyed by parameter ids that are new in every process, and offer
 * no way to read or set it. Subclasses here keep, per parameter <em>name</em>, their slot arrays (moments, squares
 * average, momentum buffer) and the number of updates applied, and export and restore them as {@link State}.
 * <p>
 * Common to all of them, for each parameter and update, in float32:
 * <pre>
 * lr = schedule.rate(updates so far, epoch)
 * w  = w - lr * weightDecay * w                   (only when weightDecay > 0: decoupled, as in PyTorch's AdamW
 *                                                   and Keras' weight_decay, on every parameter)
 * the subclass's rule with the gradient g, lr and the update number t = updates so far + 1
 * </pre>
 * The trainer hands {@code update} a copy of the gradient; the parameter's own gradient is zeroed here, as DJL's
 * built-in optimisers do natively, because PyTorch accumulates gradients. Temporaries live in a sub-manager closed
 * after each update. Weights are changed through {@code stopGradient()}: PyTorch's grad mode is per thread and on by
 * default in threads other than the one that loaded the engine, where an in-place change of a leaf that requires a
 * gradient is refused. Not thread-safe: one trainer, one thread.
 */
public abstract class ResumableOptimizer extends Optimizer {

    private final LearningRateSchedule schedule;
    private final float weightDecay;
    private final List<String> slotNames;
    private final Map<String, String> namesById = new HashMap<>();
    private final Map<String, Parameter> parametersByName = new LinkedHashMap<>();
    private final Map<String, Slots> slots = new LinkedHashMap<>();
    private int epoch = 1;

    /**
     * @param parameters  the block's parameters by name ({@code block.getParameters()}), created before the trainer
     *                    is: the optimiser knows them by name
     * @param schedule    the learning rate of each update
     * @param weightDecay decoupled weight decay, 0 for none
     * @param slotNames   names of the per-parameter state arrays, each created as zeros like the parameter
     */
    protected ResumableOptimizer(PairList<String, Parameter> parameters, LearningRateSchedule schedule,
            float weightDecay, List<String> slotNames) {
        super(new NoOptions());
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, was " + weightDecay);
        }
        this.weightDecay = weightDecay;
        this.slotNames = List.copyOf(slotNames);
        for (Pair<String, Parameter> parameter : parameters) {
            namesById.put(parameter.getValue().getId(), parameter.getKey());
            parametersByName.put(parameter.getKey(), parameter.getValue());
        }
    }

    /** Name of the algorithm in checkpoints. */
    public abstract String algorithm();

    /**
     * Applies this algorithm's update to {@code w} in place.
     *
     * @param w            the weights, outside autograd
     * @param g            the gradient
     * @param slots        this parameter's state arrays, in {@link #slotNames} order, to update in place
     * @param learningRate the scheduled rate of this update
     * @param t            1-based number of this update
     */
    protected abstract void apply(NDArray w, NDArray g, NDArray[] slots, float learningRate, int t);

    /** Tells the optimiser which epoch the following updates belong to; the schedule may depend on it. */
    public void startEpoch(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, was " + epoch);
        }
        this.epoch = epoch;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = namesById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("parameter " + parameterId + " is not one of the parameters this"
                    + " optimiser was built for " + parametersByName.keySet());
        }
        Slots state = slots.computeIfAbsent(name, n -> new Slots(0, zerosLike(weight)));
        float learningRate = (float) schedule.rate(state.step, epoch);
        if (!Float.isFinite(learningRate)) {
            throw new IllegalStateException("learning rate is NaN or infinite at update " + (state.step + 1)
                    + " of " + name);
        }
        int t = ++state.step;
        try (NDManager scope = weight.getManager().newSubManager()) {
            // whatever these arrays compute lands in the scope; they themselves go back to their managers
            scope.tempAttachAll(weight, grad);
            scope.tempAttachAll(state.arrays);
            NDArray w = weight.stopGradient();
            if (weightDecay > 0f) {
                w.subi(w.mul((float) ((double) learningRate * weightDecay)));
            }
            apply(w, grad, state.arrays, learningRate, t);
            NDArray accumulated = weight.getGradient();
            accumulated.subi(accumulated);
        }
    }

    private NDArray[] zerosLike(NDArray weight) {
        NDArray[] arrays = new NDArray[slotNames.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = weight.zerosLike();
        }
        return arrays;
    }

    /**
     * Copies the state out of the engine, in the block's parameter order (DJL updates the parameters in an order
     * that differs between processes).
     */
    public State state() {
        Map<String, ParameterState> parameters = new LinkedHashMap<>();
        for (String name : parametersByName.keySet()) {
            Slots state = slots.get(name);
            if (state != null) {
                Map<String, FloatTensor> tensors = new LinkedHashMap<>();
                for (int i = 0; i < slotNames.size(); i++) {
                    tensors.put(slotNames.get(i), FloatTensor.of(state.arrays[i]));
                }
                parameters.put(name, new ParameterState(state.step, tensors));
            }
        }
        return new State(algorithm(), parameters);
    }

    /**
     * Replaces the state with a saved one; call after the parameters are initialised and before the first update.
     * The arrays are created in {@code manager}, which must live as long as the training.
     *
     * @throws IllegalArgumentException when the algorithm differs or a name, slot or shape does not fit
     */
    public void restore(State state, NDManager manager) {
        if (!algorithm().equals(state.algorithm())) {
            throw new IllegalArgumentException("saved optimiser state is of " + state.algorithm() + ", this"
                    + " optimiser is " + algorithm());
        }
        for (Map.Entry<String, ParameterState> entry : state.parameters().entrySet()) {
            Parameter parameter = parametersByName.get(entry.getKey());
            if (parameter == null) {
                throw new IllegalArgumentException("saved optimiser state for parameter '" + entry.getKey()
                        + "', which the model does not have; it has " + parametersByName.keySet());
            }
            if (!List.copyOf(entry.getValue().slots().keySet()).equals(slotNames)) {
                throw new IllegalArgumentException("saved optimiser state of '" + entry.getKey() + "' has slots "
                        + entry.getValue().slots().keySet() + ", " + algorithm() + " keeps " + slotNames);
            }
            Shape expected = parameter.getArray().getShape();
            entry.getValue().slots().forEach((slot, tensor) -> {
                if (!tensor.djlShape().equals(expected)) {
                    throw new IllegalArgumentException("saved " + slot + " of '" + entry.getKey() + "' has shape "
                            + Arrays.toString(tensor.shape()) + ", the parameter has " + expected);
                }
            });
        }
        slots.values().forEach(Slots::close);
        slots.clear();
        state.parameters().forEach((name, saved) -> slots.put(name, new Slots(saved.step(),
                saved.slots().values().stream().map(tensor -> engineCopy(manager, tensor)).toArray(NDArray[]::new))));
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

    /**
     * An optimiser's state, keyed by parameter name.
     *
     * @param algorithm  {@link #algorithm()} of the optimiser that wrote it
     * @param parameters per parameter, in the block's order
     */
    public record State(String algorithm, Map<String, ParameterState> parameters) {

        public State {
            Objects.requireNonNull(algorithm, "algorithm");
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * One parameter's optimiser state.
     *
     * @param step  updates applied so far; the next one is {@code step + 1}, and the learning-rate schedule
     *              continues from here
     * @param slots the algorithm's arrays by slot name, each shaped like the parameter
     */
    public record ParameterState(int step, Map<String, FloatTensor> slots) {

        public ParameterState {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0, was " + step);
            }
            slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
            long[] shape = null;
            for (FloatTensor tensor : slots.values()) {
                if (shape != null && !Arrays.equals(shape, tensor.shape())) {
                    throw new IllegalArgumentException("optimiser slots of different shapes " + slots);
                }
                shape = tensor.shape();
            }
        }
    }

    private static final class Slots implements AutoCloseable {

        private int step;
        private final NDArray[] arrays;

        Slots(int step, NDArray[] arrays) {
            this.step = step;
            this.arrays = arrays;
        }

        @Override
        public void close() {
            for (NDArray array : arrays) {
                array.close();
            }
        }
    }

    /** DJL's optimiser settings that these optimisers do not use: no rescaling, clipping or coupled decay. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {

        @Override
        protected NoOptions self() {
            return this;
        }
    }
}

package dev.hpo.runner.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.hpo.runner.model.HyperparameterReader;
import dev.hpo.runner.model.ModelBuilder;

/**
 * The hyperparameters the trainer reads for every model, whichever builder makes the network: optimiser,
 * learning-rate schedule, batch size, L2 penalty and weight decay, as Keras users know them. The one place that
 * knows their names, types, ranges and defaults; the model builder reads the others.
 * <p>
 * Strict on purpose, so a trial never trains silently on something it ignores: a name that does not apply to the
 * trial (e.g. {@code rho} with {@code optimizer = adam}, {@code learning_rate} with {@code lr_schedule = step}), a
 * value of the wrong type or out of its range, each fails the trial with a message naming the parameter.
 *
 * @param optimizer   the optimiser and its settings
 * @param schedule    the learning rate of every update
 * @param batchSize   training samples per update
 * @param l2          Keras' {@code kernel_regularizer=l2(l2)} on every weight parameter (Dense and convolution
 *                    kernels; not biases)
 * @param weightDecay decoupled weight decay of every parameter, per update: {@code w -= lr * weightDecay * w}
 */
public record TrainingHyperparameters(OptimizerSettings optimizer, LearningRateSchedule schedule, int batchSize,
        double l2, double weightDecay) {

    public static final String OPTIMIZER = "optimizer";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String BETA_1 = "beta_1";
    public static final String BETA_2 = "beta_2";
    public static final String EPSILON = "epsilon";
    public static final String RHO = "rho";
    public static final String MOMENTUM = "momentum";
    public static final String NESTEROV = "nesterov";
    public static final String BATCH_SIZE = "batch_size";
    public static final String L2 = "l2";
    public static final String WEIGHT_DECAY = "weight_decay";
    public static final String LR_SCHEDULE = "lr_schedule";
    public static final String DECAY_STEPS = "decay_steps";
    public static final String DECAY_RATE = "decay_rate";
    public static final String STAIRCASE = "staircase";
    public static final String LR_BOUNDARIES = "lr_boundaries";
    public static final String LR_VALUES = "lr_values";

    public static final String DEFAULT_OPTIMIZER = ResumableAdam.ALGORITHM;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA_1 = 0.9;
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras' default for Adam and RMSprop (PyTorch's is 1e-8). */
    public static final double DEFAULT_EPSILON = 1e-7;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_MOMENTUM = 0.0;
    public static final boolean DEFAULT_NESTEROV = false;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final double DEFAULT_L2 = 0.0;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final String DEFAULT_LR_SCHEDULE = "constant";
    public static final int DEFAULT_DECAY_STEPS = 1000;
    public static final double DEFAULT_DECAY_RATE = 0.96;
    public static final boolean DEFAULT_STAIRCASE = false;

    /** Every name the trainer reads, in the order messages list them; {@link ModelBuilder#TRAINING_HYPERPARAMETERS}. */
    public static final List<String> NAMES = List.of(OPTIMIZER, LEARNING_RATE, BETA_1, BETA_2, EPSILON, RHO,
            MOMENTUM, NESTEROV, BATCH_SIZE, L2, WEIGHT_DECAY, LR_SCHEDULE, DECAY_STEPS, DECAY_RATE, STAIRCASE,
            LR_BOUNDARIES, LR_VALUES);

    private static final List<String> OPTIMIZERS = List.of(ResumableAdam.ALGORITHM, ResumableRmsProp.ALGORITHM,
            ResumableSgd.ALGORITHM);
    private static final List<String> SCHEDULES = List.of("constant", "exponential", "step");
    private static final Map<String, String> WHERE_IT_APPLIES = Map.ofEntries(
            Map.entry(LEARNING_RATE, "lr_schedule constant or exponential; with step, lr_values are the rates"),
            Map.entry(BETA_1, "optimizer adam"),
            Map.entry(BETA_2, "optimizer adam"),
            Map.entry(EPSILON, "optimizer adam or rmsprop"),
            Map.entry(RHO, "optimizer rmsprop"),
            Map.entry(MOMENTUM, "optimizer rmsprop or sgd"),
            Map.entry(NESTEROV, "optimizer sgd"),
            Map.entry(DECAY_STEPS, "lr_schedule exponential"),
            Map.entry(DECAY_RATE, "lr_schedule exponential"),
            Map.entry(STAIRCASE, "lr_schedule exponential"),
            Map.entry(LR_BOUNDARIES, "lr_schedule step"),
            Map.entry(LR_VALUES, "lr_schedule step"));

    /** What a trial with no training parameters trains with: Adam's defaults, batches of 128. */
    public static final TrainingHyperparameters DEFAULTS = from(Map.of());

    public TrainingHyperparameters {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (batchSize < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be >= 1, was " + batchSize);
        }
    }

    /** Whether the trainer reads {@code name}. */
    public static boolean isTrainingName(String name) {
        return NAMES.contains(name);
    }

    /**
     * Reads the training hyperparameters: JSON numbers of any Java type (whole numbers may be written {@code 64.0}),
     * booleans as JSON booleans, names as JSON strings, lists as JSON arrays of numbers (or a string such as
     * {@code "[10, 20]"}). Missing ones, and JSON nulls, take the defaults.
     *
     * @throws IllegalArgumentException naming the parameter, for a name the trainer does not read or that does not
     *                                  apply, a wrong type or a value out of range
     */
    public static TrainingHyperparameters from(Map<String, Object> given) {
        Set<String> unknown = new TreeSet<>();
        given.forEach((name, value) -> {
            if (value != null && !isTrainingName(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown hyperparameter " : "unknown"
                    + " hyperparameters ") + unknown.stream().map(n -> "'" + n + "'").toList() + "; the trainer"
                    + " reads " + String.join(", ", NAMES));
        }
        HyperparameterReader reader = new HyperparameterReader(given);
        OptimizerSettings optimizer = switch (reader.choice(OPTIMIZER, OPTIMIZERS, DEFAULT_OPTIMIZER)) {
            case "adam" -> new OptimizerSettings.Adam(reader.fraction(BETA_1, DEFAULT_BETA_1),
                    reader.fraction(BETA_2, DEFAULT_BETA_2), reader.positive(EPSILON, DEFAULT_EPSILON));
            case "rmsprop" -> new OptimizerSettings.RmsProp(reader.fraction(RHO, DEFAULT_RHO),
                    reader.fraction(MOMENTUM, DEFAULT_MOMENTUM), reader.positive(EPSILON, DEFAULT_EPSILON));
            default -> new OptimizerSettings.Sgd(reader.fraction(MOMENTUM, DEFAULT_MOMENTUM),
                    reader.bool(NESTEROV, DEFAULT_NESTEROV));
        };
        LearningRateSchedule schedule = switch (reader.choice(LR_SCHEDULE, SCHEDULES, DEFAULT_LR_SCHEDULE)) {
            case "constant" -> new LearningRateSchedule.Constant(reader.positive(LEARNING_RATE,
                    DEFAULT_LEARNING_RATE));
            case "exponential" -> new LearningRateSchedule.Exponential(
                    reader.positive(LEARNING_RATE, DEFAULT_LEARNING_RATE),
                    reader.wholeNumber(DECAY_STEPS, DEFAULT_DECAY_STEPS, 1, Integer.MAX_VALUE),
                    reader.positive(DECAY_RATE, DEFAULT_DECAY_RATE), reader.bool(STAIRCASE, DEFAULT_STAIRCASE));
            default -> stepSchedule(reader);
        };
        int batchSize = reader.wholeNumber(BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, Integer.MAX_VALUE);
        double l2 = reader.nonNegative(L2, DEFAULT_L2);
        double weightDecay = reader.nonNegative(WEIGHT_DECAY, DEFAULT_WEIGHT_DECAY);
        reader.refuseUnread(name -> WHERE_IT_APPLIES.getOrDefault(name, "another setting"),
                OPTIMIZER + " " + optimizer.name() + ", " + LR_SCHEDULE + " " + scheduleName(schedule));
        return new TrainingHyperparameters(optimizer, schedule, batchSize, l2, weightDecay);
    }

    /**
     * The values this trial trains with, under their hyperparameter names, defaults included and only the names
     * that apply: {@code from(toParams())} gives back an equal object. Checkpoints store this.
     */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(OPTIMIZER, optimizer.name());
        if (optimizer instanceof OptimizerSettings.Adam adam) {
            params.put(BETA_1, adam.beta1());
            params.put(BETA_2, adam.beta2());
            params.put(EPSILON, adam.epsilon());
        } else if (optimizer instanceof OptimizerSettings.RmsProp rmsProp) {
            params.put(RHO, rmsProp.rho());
            params.put(MOMENTUM, rmsProp.momentum());
            params.put(EPSILON, rmsProp.epsilon());
        } else if (optimizer instanceof OptimizerSettings.Sgd sgd) {
            params.put(MOMENTUM, sgd.momentum());
            params.put(NESTEROV, sgd.nesterov());
        }
        params.put(LR_SCHEDULE, scheduleName(schedule));
        if (schedule instanceof LearningRateSchedule.Constant constant) {
            params.put(LEARNING_RATE, constant.learningRate());
        } else if (schedule instanceof LearningRateSchedule.Exponential exponential) {
            params.put(LEARNING_RATE, exponential.learningRate());
            params.put(DECAY_STEPS, exponential.decaySteps());
            params.put(DECAY_RATE, exponential.decayRate());
            params.put(STAIRCASE, exponential.staircase());
        } else if (schedule instanceof LearningRateSchedule.StepByEpoch step) {
            params.put(LR_BOUNDARIES, step.boundaries());
            params.put(LR_VALUES, step.values());
        }
        params.put(BATCH_SIZE, batchSize);
        params.put(L2, l2);
        params.put(WEIGHT_DECAY, weightDecay);
        return params;
    }

    private static String scheduleName(LearningRateSchedule schedule) {
        if (schedule instanceof LearningRateSchedule.Exponential) {
            return "exponential";
        }
        return schedule instanceof LearningRateSchedule.StepByEpoch ? "step" : "constant";
    }

    private static LearningRateSchedule stepSchedule(HyperparameterReader reader) {
        List<Double> boundaries = required(reader.numbers(LR_BOUNDARIES), LR_BOUNDARIES);
        List<Double> values = required(reader.numbers(LR_VALUES), LR_VALUES);
        List<Integer> epochs = new ArrayList<>();
        for (double boundary : boundaries) {
            if (boundary != Math.rint(boundary) || boundary < 1 || boundary > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(LR_BOUNDARIES + " must be whole epoch numbers >= 1, was "
                        + boundaries);
            }
            if (!epochs.isEmpty() && boundary <= epochs.get(epochs.size() - 1)) {
                throw new IllegalArgumentException(LR_BOUNDARIES + " must be strictly ascending, was " + boundaries);
            }
            epochs.add((int) boundary);
        }
        if (values.size() != boundaries.size() + 1) {
            throw new IllegalArgumentException(LR_VALUES + " must hold one more rate than " + LR_BOUNDARIES
                    + " has epochs: " + boundaries.size() + " boundaries " + boundaries + " need "
                    + (boundaries.size() + 1) + " values, got " + values);
        }
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(LR_VALUES + " must be finite numbers > 0, was " + values);
            }
        }
        return new LearningRateSchedule.StepByEpoch(epochs, values);
    }

    private static List<Double> required(Optional<List<Double>> numbers, String name) {
        return numbers.orElseThrow(() -> new IllegalArgumentException(name + " is required with " + LR_SCHEDULE
                + " step"));
    }
}

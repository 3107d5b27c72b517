package dev.hpo.runner.training;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a trial may vary about training the {@code mlp} model, read from a trial request's parameters: the
 * one place that knows the hyperparameter names (as Keras users know them), their types, ranges and defaults.
 * <p>
 * Strict on purpose, so a trial never trains silently on something it ignores: a name this runner does not know,
 * a name that does not apply to the trial (e.g. {@code rho} with {@code optimizer = adam}, {@code units_3} with
 * {@code layers = 2}, {@code learning_rate} with {@code lr_schedule = step}), a value of the wrong type or out of
 * its range, each fails the trial with a message naming the parameter.
 *
 * @param optimizer   the optimiser and its settings
 * @param schedule    the learning rate of every update
 * @param batchSize   training samples per update
 * @param units       width of each hidden Dense layer, first layer first
 * @param activation  activation of every hidden layer
 * @param dropout     dropout rate after each hidden layer during training, 0 for none
 * @param l2          Keras' {@code kernel_regularizer=l2(l2)} on every Dense kernel (not the biases)
 * @param weightDecay decoupled weight decay of every parameter, per update: {@code w -= lr * weightDecay * w}
 */
public record TrainingHyperparameters(OptimizerSettings optimizer, LearningRateSchedule schedule, int batchSize,
        List<Integer> units, HiddenActivation activation, double dropout, double l2, double weightDecay) {

    public static final String OPTIMIZER = "optimizer";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String BETA_1 = "beta_1";
    public static final String BETA_2 = "beta_2";
    public static final String EPSILON = "epsilon";
    public static final String RHO = "rho";
    public static final String MOMENTUM = "momentum";
    public static final String NESTEROV = "nesterov";
    public static final String BATCH_SIZE = "batch_size";
    public static final String LAYERS = "layers";
    public static final String UNITS = "units";
    /** {@code units_1} .. {@code units_16}: the units of one hidden layer, overriding {@code units}. */
    public static final String UNITS_OF_LAYER = "units_";
    public static final String ACTIVATION = "activation";
    public static final String DROPOUT = "dropout";
    public static final String L2 = "l2";
    public static final String WEIGHT_DECAY = "weight_decay";
    public static final String LR_SCHEDULE = "lr_schedule";
    public static final String DECAY_STEPS = "decay_steps";
    public static final String DECAY_RATE = "decay_rate";
    public static final String STAIRCASE = "staircase";
    public static final String LR_BOUNDARIES = "lr_boundaries";
    public static final String LR_VALUES = "lr_values";

    public static final int MAX_LAYERS = 16;

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
    public static final int DEFAULT_LAYERS = 1;
    public static final int DEFAULT_UNITS = 128;
    public static final HiddenActivation DEFAULT_ACTIVATION = HiddenActivation.RELU;
    public static final double DEFAULT_DROPOUT = 0.0;
    public static final double DEFAULT_L2 = 0.0;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final String DEFAULT_LR_SCHEDULE = "constant";
    public static final int DEFAULT_DECAY_STEPS = 1000;
    public static final double DEFAULT_DECAY_RATE = 0.96;
    public static final boolean DEFAULT_STAIRCASE = false;

    /** Every name this runner reads, {@code units_<i>} standing for {@code units_1} .. {@code units_16}. */
    public static final List<String> NAMES = List.of(OPTIMIZER, LEARNING_RATE, BETA_1, BETA_2, EPSILON, RHO,
            MOMENTUM, NESTEROV, BATCH_SIZE, LAYERS, UNITS, UNITS_OF_LAYER + "<i>", ACTIVATION, DROPOUT, L2,
            WEIGHT_DECAY, LR_SCHEDULE, DECAY_STEPS, DECAY_RATE, STAIRCASE, LR_BOUNDARIES, LR_VALUES);

    private static final List<String> OPTIMIZERS = List.of(ResumableAdam.ALGORITHM, ResumableRmsProp.ALGORITHM,
            ResumableSgd.ALGORITHM);
    private static final List<String> SCHEDULES = List.of("constant", "exponential", "step");
    private static final Pattern LAYER_UNITS = Pattern.compile("units_([1-9][0-9]?)");
    private static final Map<String, String> WHERE_IT_APPLIES = Map.ofEntries(
            Map.entry(LEARNING_RATE, "lr_schedule constant or exponential; with step, lr_values are the rates"),
            Map.entry(BETA_1, "optimizer adam"),
            Map.entry(BETA_2, "optimizer adam"),
            Map.entry(EPSILON, "optimizer adam or rmsprop"),
            Map.entry(RHO, "optimizer rmsprop"),
            Map.entry(MOMENTUM, "optimizer rmsprop or sgd"),
            Map.entry(NESTEROV, "optimizer sgd"),
            Map.entry(UNITS, "a hidden layer without its own units_<i>; every layer here has one"),
            Map.entry(DECAY_STEPS, "lr_schedule exponential"),
            Map.entry(DECAY_RATE, "lr_schedule exponential"),
            Map.entry(STAIRCASE, "lr_schedule exponential"),
            Map.entry(LR_BOUNDARIES, "lr_schedule step"),
            Map.entry(LR_VALUES, "lr_schedule step"));

    /** What a trial with no parameters trains with: the Keras "hello world" classifier and Adam's defaults. */
    public static final TrainingHyperparameters DEFAULTS = from(Map.of());

    public TrainingHyperparameters {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(activation, "activation");
        units = List.copyOf(units);
        if (units.isEmpty() || units.size() > MAX_LAYERS) {
            throw new IllegalArgumentException(LAYERS + " must be in [1, " + MAX_LAYERS + "], was " + units.size());
        }
    }

    /**
     * Reads a trial's parameters: JSON numbers of any Java type (whole numbers may be written {@code 64.0}), booleans
     * as JSON booleans, names as JSON strings, lists as JSON arrays of numbers (or a string such as
     * {@code "[10, 20]"}). Missing ones, and JSON nulls, take the defaults.
     *
     * @throws IllegalArgumentException naming the parameter, for an unknown or inapplicable name, a wrong type or a
     *                                  value out of range
     */
    public static TrainingHyperparameters from(Map<String, Object> given) {
        // a JSON null is no value: the default applies
        Map<String, Object> params = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value != null) {
                params.put(name, value);
            }
        });
        refuseUnknownNames(params.keySet());
        Reader reader = new Reader(params);
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
        int layers = reader.wholeNumber(LAYERS, DEFAULT_LAYERS, 1, MAX_LAYERS);
        List<Integer> units = new ArrayList<>();
        for (int layer = 1; layer <= layers; layer++) {
            String name = UNITS_OF_LAYER + layer;
            units.add(params.containsKey(name) ? reader.wholeNumber(name, 0, 1, Integer.MAX_VALUE)
                    : reader.wholeNumber(UNITS, DEFAULT_UNITS, 1, Integer.MAX_VALUE));
        }
        HiddenActivation activation = HiddenActivation.of(reader.choice(ACTIVATION, null,
                DEFAULT_ACTIVATION.keyword()));
        double dropout = reader.fraction(DROPOUT, DEFAULT_DROPOUT);
        double l2 = reader.nonNegative(L2, DEFAULT_L2);
        double weightDecay = reader.nonNegative(WEIGHT_DECAY, DEFAULT_WEIGHT_DECAY);
        reader.refuseUnread(layers);
        return new TrainingHyperparameters(optimizer, schedule, batchSize, units, activation, dropout, l2,
                weightDecay);
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
        if (schedule instanceof LearningRateSchedule.Constant constant) {
            params.put(LR_SCHEDULE, "constant");
            params.put(LEARNING_RATE, constant.learningRate());
        } else if (schedule instanceof LearningRateSchedule.Exponential exponential) {
            params.put(LR_SCHEDULE, "exponential");
            params.put(LEARNING_RATE, exponential.learningRate());
            params.put(DECAY_STEPS, exponential.decaySteps());
            params.put(DECAY_RATE, exponential.decayRate());
            params.put(STAIRCASE, exponential.staircase());
        } else if (schedule instanceof LearningRateSchedule.StepByEpoch step) {
            params.put(LR_SCHEDULE, "step");
            params.put(LR_BOUNDARIES, step.boundaries());
            params.put(LR_VALUES, step.values());
        }
        params.put(BATCH_SIZE, batchSize);
        params.put(LAYERS, units.size());
        for (int layer = 1; layer <= units.size(); layer++) {
            params.put(UNITS_OF_LAYER + layer, units.get(layer - 1));
        }
        params.put(ACTIVATION, activation.keyword());
        params.put(DROPOUT, dropout);
        params.put(L2, l2);
        params.put(WEIGHT_DECAY, weightDecay);
        return params;
    }

    private static LearningRateSchedule stepSchedule(Reader reader) {
        List<Double> boundaries = reader.numbers(LR_BOUNDARIES);
        List<Double> values = reader.numbers(LR_VALUES);
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

    private static void refuseUnknownNames(Set<String> names) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            if (!NAMES.contains(name) && !isLayerUnits(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown hyperparameter " : "unknown"
                    + " hyperparameters ") + unknown.stream().map(n -> "'" + n + "'").toList() + "; the mlp builder"
                    + " reads " + String.join(", ", NAMES) + " (<i> from 1 to " + MAX_LAYERS + ")");
        }
    }

    private static boolean isLayerUnits(String name) {
        Matcher matcher = LAYER_UNITS.matcher(name);
        return matcher.matches() && Integer.parseInt(matcher.group(1)) <= MAX_LAYERS;
    }

    /** Reads typed values by name and remembers which names were read. */
    private static final class Reader {

        private final Map<String, Object> params;
        private final Set<String> read = new HashSet<>();

        Reader(Map<String, Object> params) {
            this.params = params;
        }

        private Object value(String name) {
            read.add(name);
            return params.get(name);
        }

        double positive(String name, double fallback) {
            double value = number(name, fallback);
            if (!(value > 0)) {
                throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
            }
            return value;
        }

        double nonNegative(String name, double fallback) {
            double value = number(name, fallback);
            if (!(value >= 0)) {
                throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
            }
            return value;
        }

        /** A number in [0, 1). */
        double fraction(String name, double fallback) {
            double value = number(name, fallback);
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
            }
            return value;
        }

        double number(String name, double fallback) {
            Object value = value(name);
            if (value == null) {
                return fallback;
            }
            double number = toDouble(name, value);
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException(name + " must be a finite number, was " + value);
            }
            return number;
        }

        int wholeNumber(String name, int fallback, int min, int max) {
            Object value = value(name);
            if (value == null) {
                return fallback;
            }
            double number = toDouble(name, value);
            if (number != Math.rint(number)) {
                throw new IllegalArgumentException(name + " must be a whole number, was " + value);
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException(name + " must be " + (max == Integer.MAX_VALUE ? ">= " + min
                        : "in [" + min + ", " + max + "]") + ", was " + value);
            }
            return (int) number;
        }

        boolean bool(String name, boolean fallback) {
            Object value = value(name);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean bool) {
                return bool;
            }
            throw new IllegalArgumentException(name + " must be a boolean (true or false), was " + describe(value));
        }

        /** A string out of {@code allowed}, or any string when {@code allowed} is null (checked by the caller). */
        String choice(String name, List<String> allowed, String fallback) {
            Object value = value(name);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException(name + " must be a string, was " + describe(value));
            }
            if (allowed != null && !allowed.contains(text)) {
                throw new IllegalArgumentException(name + " must be one of " + allowed + ", was '" + text + "'");
            }
            return text;
        }

        /** A required list of numbers: a JSON array, or a string of comma-separated numbers in optional brackets. */
        List<Double> numbers(String name) {
            Object value = value(name);
            if (value == null) {
                throw new IllegalArgumentException(name + " is required with " + LR_SCHEDULE + " step");
            }
            List<?> items;
            if (value instanceof List<?> list) {
                items = list;
            } else if (value instanceof String text) {
                String inner = text.strip();
                if (inner.startsWith("[") && inner.endsWith("]")) {
                    inner = inner.substring(1, inner.length() - 1);
                }
                items = inner.isBlank() ? List.of() : Arrays.stream(inner.split(",")).map(String::strip).toList();
            } else {
                throw new IllegalArgumentException(name + " must be a list of numbers, was " + describe(value));
            }
            List<Double> numbers = new ArrayList<>();
            for (Object item : items) {
                double number;
                if (item instanceof String text) {
                    try {
                        number = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(name + " must be a list of numbers, was " + value);
                    }
                } else if (item instanceof Number) {
                    number = toDouble(name, item);
                } else {
                    throw new IllegalArgumentException(name + " must be a list of numbers, was " + value);
                }
                if (!Double.isFinite(number)) {
                    throw new IllegalArgumentException(name + " must be a list of finite numbers, was " + value);
                }
                numbers.add(number);
            }
            return numbers;
        }

        /** Names that were given but that this trial does not use. */
        void refuseUnread(int layers) {
            Set<String> unread = new TreeSet<>(params.keySet());
            unread.removeAll(read);
            if (unread.isEmpty()) {
                return;
            }
            List<String> reasons = new ArrayList<>();
            for (String name : unread) {
                String where = isLayerUnits(name) ? LAYERS + " >= " + name.substring(UNITS_OF_LAYER.length())
                        + " (layers is " + layers + ")" : WHERE_IT_APPLIES.getOrDefault(name, "another setting");
                reasons.add("'" + name + "' applies only with " + where);
            }
            String used = describeChoices();
            throw new IllegalArgumentException("hyperparameter" + (unread.size() == 1 ? " " : "s ") + unread
                    + (unread.size() == 1 ? " does" : " do") + " not apply to this trial (" + used + "): "
                    + String.join("; ", reasons) + ". Send a hyperparameter only when it applies.");
        }

        private String describeChoices() {
            Object optimizer = params.getOrDefault(OPTIMIZER, DEFAULT_OPTIMIZER);
            Object schedule = params.getOrDefault(LR_SCHEDULE, DEFAULT_LR_SCHEDULE);
            return OPTIMIZER + " " + optimizer + ", " + LR_SCHEDULE + " " + schedule;
        }

        private static double toDouble(String name, Object value) {
            if (value instanceof Double || value instanceof Float || value instanceof Integer
                    || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).doubleValue();
            }
            if (value instanceof BigDecimal || value instanceof BigInteger) {
                return ((Number) value).doubleValue();
            }
            throw new IllegalArgumentException(name + " must be a number, was " + describe(value));
        }

        private static String describe(Object value) {
            if (value instanceof String text) {
                return "'" + text + "' (a string)";
            }
            if (value instanceof Boolean || value instanceof Number) {
                return value + " (a " + (value instanceof Boolean ? "boolean" : "number") + ")";
            }
            if (value instanceof List<?> list) {
                return list + " (a list)";
            }
            return value + " (a " + value.getClass().getSimpleName() + ")";
        }
    }
}

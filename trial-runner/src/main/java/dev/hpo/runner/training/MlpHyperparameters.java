package dev.hpo.runner.training;

import java.util.Map;

/**
 * What {@link MlpTrainer} varies between trials. Names other than these three are ignored here; which names a
 * study may use is decided where studies are validated.
 *
 * @param units        width of the hidden layer
 * @param learningRate Adam's step size
 * @param batchSize    training samples per step
 */
public record MlpHyperparameters(int units, double learningRate, int batchSize) {

    public static final String UNITS = "units";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String BATCH_SIZE = "batch_size";

    public static final MlpHyperparameters DEFAULTS = new MlpHyperparameters(128, 1e-3, 128);

    public MlpHyperparameters {
        if (units < 1) {
            throw new IllegalArgumentException(UNITS + " must be >= 1, was " + units);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(LEARNING_RATE + " must be a finite number > 0, was " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be >= 1, was " + batchSize);
        }
    }

    /** Reads the values from a trial's parameters, JSON numbers of any type; missing ones take the defaults. */
    public static MlpHyperparameters from(Map<String, Object> params) {
        return new MlpHyperparameters(
                wholeNumber(params, UNITS, DEFAULTS.units()),
                number(params, LEARNING_RATE, DEFAULTS.learningRate()),
                wholeNumber(params, BATCH_SIZE, DEFAULTS.batchSize()));
    }

    private static double number(Map<String, Object> params, String name, double fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
    }

    private static int wholeNumber(Map<String, Object> params, String name, int fallback) {
        double value = number(params, name, fallback);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + params.get(name));
        }
        return (int) value;
    }
}

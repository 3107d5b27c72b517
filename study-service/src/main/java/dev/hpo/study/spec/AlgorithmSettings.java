package dev.hpo.study.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Validates {@code algorithm} and fills in each algorithm's defaults. */
final class AlgorithmSettings {

    static final String RANGE_TEST = StudySpec.Algorithm.RANGE_TEST;
    static final List<String> TYPES = List.of("grid", "random", "tpe", "hyperband", "bohb", "asha",
            RANGE_TEST);
    static final List<String> ARITHMETICS = List.of("kerastuner", "paper");

    /** The fields each algorithm reads besides {@code type} and {@code seed}. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "grid", Set.of(),
            "random", Set.of(),
            "tpe", Set.of("startupTrials", "candidates"),
            "hyperband", Set.of("maxEpochs", "factor", "iterations", "minEpochs", "arithmetic"),
            "bohb", Set.of("maxEpochs", "factor", "iterations", "minEpochs", "arithmetic", "startupTrials",
                    "candidates"),
            "asha", Set.of("maxEpochs", "factor", "minEpochs"),
            RANGE_TEST, Set.of("minLr", "maxLr", "steps"));

    static final int FACTOR_LIMIT = 100;
    static final int ITERATIONS_LIMIT = 100;
    // a study's epochs are its steps, and stored specs are validated again
    static final int STEPS_LIMIT = StudySpecValidator.EPOCHS_LIMIT;
    /** Defaults as fastai's LR finder's range, with twice its steps: about 25 per decade. */
    static final double DEFAULT_MIN_LR = 1e-7;
    static final double DEFAULT_MAX_LR = 10;
    static final int DEFAULT_STEPS = 200;

    private AlgorithmSettings() {
    }

    /** True for the algorithms whose per-trial budget is {@code algorithm.maxEpochs}, not {@code epochs}. */
    static boolean usesMaxEpochs(String type) {
        return FIELDS.getOrDefault(type, Set.of()).contains("maxEpochs");
    }

    /**
     * @param givenEpochs the spec's {@code epochs} as written (null when absent)
     * @param epochs      {@code epochs} with its default
     */
    static StudySpec.Algorithm normalize(StudySpec.Algorithm algorithm, Integer givenEpochs, int epochs,
            List<FieldError> errors) {
        StudySpec.Algorithm a = algorithm == null ? new StudySpec.Algorithm(null, null) : algorithm;
        String type = a.type() == null ? "random" : a.type();
        // A seed is always stored, chosen here when the user gave none, so every study can be re-run exactly.
        long seed = a.seed() != null ? a.seed() : ThreadLocalRandom.current().nextLong(1L << 48);
        if (!TYPES.contains(type)) {
            errors.add(new FieldError("algorithm.type", "unknown algorithm '" + type + "'; supported: " + TYPES));
            return new StudySpec.Algorithm(type, seed);
        }
        Set<String> reads = FIELDS.get(type);
        rejectUnused(type, reads, "maxEpochs", a.maxEpochs(), errors);
        rejectUnused(type, reads, "factor", a.factor(), errors);
        rejectUnused(type, reads, "iterations", a.iterations(), errors);
        rejectUnused(type, reads, "minEpochs", a.minEpochs(), errors);
        rejectUnused(type, reads, "arithmetic", a.arithmetic(), errors);
        rejectUnused(type, reads, "startupTrials", a.startupTrials(), errors);
        rejectUnused(type, reads, "candidates", a.candidates(), errors);
        rejectUnused(type, reads, "minLr", a.minLr(), errors);
        rejectUnused(type, reads, "maxLr", a.maxLr(), errors);
        rejectUnused(type, reads, "steps", a.steps(), errors);

        Integer maxEpochs = null;
        Integer factor = null;
        Integer iterations = null;
        Integer minEpochs = null;
        String arithmetic = null;
        if (reads.contains("maxEpochs")) {
            maxEpochs = a.maxEpochs() != null ? a.maxEpochs() : epochs;
            if (maxEpochs < 1 || maxEpochs > StudySpecValidator.EPOCHS_LIMIT) {
                errors.add(new FieldError("algorithm.maxEpochs",
                        "must be from 1 to " + StudySpecValidator.EPOCHS_LIMIT + ", was " + maxEpochs));
            }
            if (givenEpochs != null && a.maxEpochs() != null && !givenEpochs.equals(a.maxEpochs())) {
                errors.add(new FieldError("epochs", type + " trains trials up to algorithm.maxEpochs ("
                        + a.maxEpochs() + "); leave epochs out or make it equal, was " + givenEpochs));
            }
            factor = a.factor() != null ? a.factor() : 3;
            if (factor < 2 || factor > FACTOR_LIMIT) {
                errors.add(new FieldError("algorithm.factor",
                        "must be from 2 to " + FACTOR_LIMIT + " (keep the best 1/factor of each rung), was " + factor));
            }
            minEpochs = a.minEpochs() != null ? a.minEpochs() : 1;
            if (minEpochs < 1 || minEpochs > maxEpochs) {
                errors.add(new FieldError("algorithm.minEpochs",
                        "must be from 1 to maxEpochs (" + maxEpochs + "), was " + minEpochs));
            }
        }
        if (reads.contains("iterations")) {
            iterations = a.iterations() != null ? a.iterations() : 1;
            if (iterations < 1 || iterations > ITERATIONS_LIMIT) {
                errors.add(new FieldError("algorithm.iterations",
                        "must be from 1 to " + ITERATIONS_LIMIT + ", was " + iterations));
            }
            arithmetic = a.arithmetic() != null ? a.arithmetic() : "kerastuner";
            if (!ARITHMETICS.contains(arithmetic)) {
                errors.add(new FieldError("algorithm.arithmetic",
                        "unknown arithmetic '" + arithmetic + "'; one of " + ARITHMETICS));
            }
            if ("paper".equals(arithmetic) && a.minEpochs() != null) {
                errors.add(new FieldError("algorithm.minEpochs",
                        "the paper's arithmetic has no minEpochs (its smallest rung is maxEpochs / factor^s_max)"));
            }
        }
        Integer startupTrials = null;
        Integer candidates = null;
        if (reads.contains("startupTrials")) {
            startupTrials = a.startupTrials() != null ? a.startupTrials() : 10;
            if (startupTrials < 1 || startupTrials > 1_000) {
                errors.add(new FieldError("algorithm.startupTrials", "must be from 1 to 1000, was " + startupTrials));
            }
            candidates = a.candidates() != null ? a.candidates() : 24;
            if (candidates < 1 || candidates > 10_000) {
                errors.add(new FieldError("algorithm.candidates", "must be from 1 to 10000, was " + candidates));
            }
        }
        Double minLr = null;
        Double maxLr = null;
        Integer steps = null;
        if (reads.contains("steps")) {
            minLr = a.minLr() != null ? a.minLr() : DEFAULT_MIN_LR;
            maxLr = a.maxLr() != null ? a.maxLr() : DEFAULT_MAX_LR;
            steps = a.steps() != null ? a.steps() : DEFAULT_STEPS;
            if (!(minLr > 0) || minLr >= 10) {
                errors.add(new FieldError("algorithm.minLr", "must be above 0 and below 10, was " + minLr));
            } else if (!(maxLr > minLr) || maxLr > 100) {
                errors.add(new FieldError("algorithm.maxLr", "must be above minLr (" + minLr + ") and at most 100, was "
                        + maxLr));
            }
            if (steps < 10 || steps > STEPS_LIMIT) {
                errors.add(new FieldError("algorithm.steps", "must be from 10 to " + STEPS_LIMIT + ", was " + steps));
            }
            if (givenEpochs != null && !givenEpochs.equals(steps)) {
                errors.add(new FieldError("epochs", "a range test runs algorithm.steps (" + steps + ") updates; leave "
                        + "epochs out, was " + givenEpochs));
            }
        }
        return new StudySpec.Algorithm(type, seed, maxEpochs, factor, iterations, minEpochs, arithmetic,
                startupTrials, candidates, minLr, maxLr, steps);
    }

    private static void rejectUnused(String type, Set<String> reads, String field, Object value,
            List<FieldError> errors) {
        if (value != null && !reads.contains(field)) {
            errors.add(new FieldError("algorithm." + field, type + " does not use " + field));
        }
    }
}

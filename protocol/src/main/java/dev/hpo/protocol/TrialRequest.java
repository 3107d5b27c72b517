package dev.hpo.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a runner needs to train one trial, and nothing about the algorithm that chose it.
 *
 * @param trialId      globally unique trial id; also the Kafka key, so the events of one trial stay ordered
 * @param attempt      1 for the first delivery; a re-issued trial gets the next number
 * @param studyId      the study the trial belongs to
 * @param params       hyperparameter values by name (numbers, strings or booleans)
 * @param model        the model builder and its fixed settings
 * @param dataset      the dataset and how much of it to use
 * @param initialEpoch epochs already trained (0 for a fresh trial)
 * @param targetEpoch  train until this many epochs have been completed
 * @param checkpoint   where to resume from, or {@code null} for a fresh start
 * @param seed         seed for weight initialisation and data order
 * @param rangeTest    a learning-rate range test instead of training epochs, or {@code null}; then the
 *                     "epochs" are its steps
 */
public record TrialRequest(
        String trialId,
        int attempt,
        String studyId,
        Map<String, Object> params,
        ModelSpec model,
        DatasetSpec dataset,
        int initialEpoch,
        int targetEpoch,
        String checkpoint,
        long seed,
        RangeTest rangeTest) {

    /** A request to train epochs. */
    public TrialRequest(String trialId, int attempt, String studyId, Map<String, Object> params, ModelSpec model,
            DatasetSpec dataset, int initialEpoch, int targetEpoch, String checkpoint, long seed) {
        this(trialId, attempt, studyId, params, model, dataset, initialEpoch, targetEpoch, checkpoint, seed, null);
    }

    public TrialRequest {
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(studyId, "studyId");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        model = model == null ? ModelSpec.MLP : model;
        dataset = dataset == null ? DatasetSpec.FASHION_MNIST : dataset;
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        if (initialEpoch < 0 || targetEpoch <= initialEpoch) {
            throw new IllegalArgumentException(
                    "need 0 <= initialEpoch < targetEpoch, was " + initialEpoch + " and " + targetEpoch);
        }
        if (rangeTest != null && (initialEpoch != 0 || targetEpoch != rangeTest.steps())) {
            throw new IllegalArgumentException("a range test runs steps 1.." + rangeTest.steps() + " at once, was "
                    + (initialEpoch + 1) + ".." + targetEpoch);
        }
    }
}

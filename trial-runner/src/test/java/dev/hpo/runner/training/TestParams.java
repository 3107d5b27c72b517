package dev.hpo.runner.training;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.model.ModelBuilders;

/** Trial parameters written inline, beyond {@code Map.of}'s ten pairs, and runs of the built-in builders. */
final class TestParams {

    static final ModelBuilders BUILDERS = ModelBuilders.builtIn();

    private TestParams() {
    }

    /** Alternating names and values. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    /** A trial of the {@code mlp} builder. */
    static TrialHyperparameters mlp(Map<String, Object> params) {
        return TrialHyperparameters.of(BUILDERS.get("mlp"), params);
    }

    /** A trial of the {@code cnn} builder. */
    static TrialHyperparameters cnn(Map<String, Object> params) {
        return TrialHyperparameters.of(BUILDERS.get("cnn"), params);
    }

    /** The defaults of the {@code mlp} builder and the trainer. */
    static TrialHyperparameters mlpDefaults() {
        return mlp(Map.of());
    }

    static TrainingRun run(TrialHyperparameters hyperparameters, DatasetSplits data, int initialEpoch,
            int targetEpoch, TrainingCheckpoint resumeFrom, long seed) {
        return new TrainingRun(BUILDERS.get(hyperparameters.builder()), hyperparameters, data, initialEpoch,
                targetEpoch, resumeFrom, seed);
    }
}

package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.hpo.runner.model.ModelBuilder;

class TrainingHyperparametersTest {

    @Test
    void missingValuesTakeTheDocumentedDefaults() {
        TrainingHyperparameters defaults = TrainingHyperparameters.from(Map.of());

        assertEquals(new OptimizerSettings.Adam(0.9, 0.999, 1e-7), defaults.optimizer());
        assertEquals(new LearningRateSchedule.Constant(1e-3), defaults.schedule());
        assertEquals(128, defaults.batchSize());
        assertEquals(0.0, defaults.l2());
        assertEquals(0.0, defaults.weightDecay());
        assertEquals(defaults, TrainingHyperparameters.DEFAULTS);
    }

    @Test
    void optimiserDefaultsFollowKeras() {
        assertEquals(new OptimizerSettings.RmsProp(0.9, 0.0, 1e-7),
                TrainingHyperparameters.from(Map.of("optimizer", "rmsprop")).optimizer());
        assertEquals(new OptimizerSettings.Sgd(0.0, false),
                TrainingHyperparameters.from(Map.of("optimizer", "sgd")).optimizer());
        assertEquals(new LearningRateSchedule.Exponential(1e-3, 1000, 0.96, false),
                TrainingHyperparameters.from(Map.of("lr_schedule", "exponential")).schedule());
    }

    @Test
    void readsEveryNameWithAnyJsonNumberType() {
        Map<String, Object> params = new HashMap<>();
        params.put("optimizer", "sgd");
        params.put("momentum", 0.9);
        params.put("nesterov", true);
        params.put("learning_rate", 1);
        params.put("lr_schedule", "exponential");
        params.put("decay_steps", 500L);
        params.put("decay_rate", 0.5f);
        params.put("staircase", true);
        params.put("batch_size", 256.0);
        params.put("l2", 1e-4);
        params.put("weight_decay", 0);

        TrainingHyperparameters values = TrainingHyperparameters.from(params);

        assertEquals(new OptimizerSettings.Sgd(0.9, true), values.optimizer());
        assertEquals(new LearningRateSchedule.Exponential(1.0, 500, 0.5, true), values.schedule());
        assertEquals(256, values.batchSize());
        assertEquals(1e-4, values.l2());
        assertEquals(0.0, values.weightDecay());
    }

    @Test
    void stepScheduleListsArriveAsJsonArraysOrAsText() {
        TrainingHyperparameters fromArrays = TrainingHyperparameters.from(Map.of("lr_schedule", "step",
                "lr_boundaries", List.of(10, 20), "lr_values", List.of(1e-2, 1e-3, 1e-5)));
        TrainingHyperparameters fromText = TrainingHyperparameters.from(Map.of("lr_schedule", "step",
                "lr_boundaries", "[10, 20]", "lr_values", "0.01, 0.001, 1e-5"));

        LearningRateSchedule expected = new LearningRateSchedule.StepByEpoch(List.of(10, 20),
                List.of(1e-2, 1e-3, 1e-5));
        assertEquals(expected, fromArrays.schedule());
        assertEquals(expected, fromText.schedule());
    }

    @Test
    void toParamsReadsBackToTheSameValues() {
        for (Map<String, Object> params : List.of(Map.<String, Object>of(),
                Map.<String, Object>of("optimizer", "rmsprop", "momentum", 0.5, "lr_schedule", "step",
                        "lr_boundaries", List.of(3), "lr_values", List.of(0.1, 0.01), "weight_decay", 0.01),
                Map.<String, Object>of("optimizer", "sgd", "nesterov", true, "lr_schedule", "exponential"))) {
            TrainingHyperparameters values = TrainingHyperparameters.from(params);

            assertEquals(values, TrainingHyperparameters.from(values.toParams()), params.toString());
        }
    }

    @Test
    void jsonNullTakesTheDefault() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("batch_size", null);

        assertEquals(TrainingHyperparameters.DEFAULTS, TrainingHyperparameters.from(params));
    }

    @Test
    void refusesANameTheTrainerDoesNotReadListingTheOnesItReads() {
        String message = refused(Map.of("units", 64));

        assertEquals("unknown hyperparameter ['units']; the trainer reads optimizer, learning_rate, beta_1, beta_2,"
                + " epsilon, rho, momentum, nesterov, batch_size, l2, weight_decay, lr_schedule, decay_steps,"
                + " decay_rate, staircase, lr_boundaries, lr_values", message);
    }

    @Test
    void theTrainersNamesAreTheOnesNoBuilderMayDeclare() {
        assertEquals(ModelBuilder.TRAINING_HYPERPARAMETERS, Set.copyOf(TrainingHyperparameters.NAMES));
    }

    @Test
    void refusesANameThatDoesNotApplyToTheChosenOptimiser() {
        String message = refused(Map.of("optimizer", "adam", "rho", 0.9));

        assertTrue(message.startsWith("hyperparameter [rho] does not apply to this trial (optimizer adam,"
                + " lr_schedule constant): 'rho' applies only with optimizer rmsprop"), message);
    }

    @Test
    void refusesLearningRateWithTheStepSchedule() {
        String message = refused(Map.of("learning_rate", 0.1, "lr_schedule", "step", "lr_boundaries", List.of(1),
                "lr_values", List.of(0.1, 0.01)));

        assertTrue(message.contains("'learning_rate' applies only with lr_schedule constant or exponential"),
                message);
    }

    @Test
    void refusesWrongTypesNamingTheParameter() {
        assertEquals("batch_size must be a number, was 'big' (a string)", refused(Map.of("batch_size", "big")));
        assertEquals("nesterov must be a boolean (true or false), was 1 (a number)",
                refused(Map.of("optimizer", "sgd", "nesterov", 1)));
        assertEquals("optimizer must be a string, was 3 (a number)", refused(Map.of("optimizer", 3)));
        assertEquals("batch_size must be a whole number, was 12.5", refused(Map.of("batch_size", 12.5)));
        assertEquals("lr_boundaries must be a list of numbers, was [a, 3]", refused(Map.of("lr_schedule", "step",
                "lr_boundaries", List.of("a", 3), "lr_values", List.of(1, 2, 3))));
    }

    @Test
    void refusesValuesOutOfRangeNamingTheParameterAndValue() {
        assertEquals("learning_rate must be a finite number > 0, was -0.1", refused(Map.of("learning_rate", -0.1)));
        assertEquals("beta_1 must be in [0, 1), was 1.0", refused(Map.of("beta_1", 1.0)));
        assertEquals("epsilon must be a finite number > 0, was 0.0", refused(Map.of("epsilon", 0)));
        assertEquals("rho must be in [0, 1), was -0.5", refused(Map.of("optimizer", "rmsprop", "rho", -0.5)));
        assertEquals("momentum must be in [0, 1), was 1.5", refused(Map.of("optimizer", "sgd", "momentum", 1.5)));
        assertEquals("batch_size must be >= 1, was 0", refused(Map.of("batch_size", 0)));
        assertEquals("l2 must be a finite number >= 0, was -1.0E-4", refused(Map.of("l2", -1e-4)));
        assertEquals("decay_steps must be >= 1, was 0", refused(Map.of("lr_schedule", "exponential",
                "decay_steps", 0)));
        assertEquals("optimizer must be one of [adam, rmsprop, sgd], was 'Adam'", refused(Map.of("optimizer",
                "Adam")));
    }

    @Test
    void refusesStepScheduleListsThatDoNotFit() {
        assertEquals("lr_boundaries is required with lr_schedule step", refused(Map.of("lr_schedule", "step")));
        assertEquals("lr_boundaries must be strictly ascending, was [5.0, 5.0]", refused(Map.of("lr_schedule",
                "step", "lr_boundaries", List.of(5, 5), "lr_values", List.of(1, 2, 3))));
        assertEquals("lr_boundaries must be whole epoch numbers >= 1, was [0.5]", refused(Map.of("lr_schedule",
                "step", "lr_boundaries", List.of(0.5), "lr_values", List.of(1, 2))));
        assertTrue(refused(Map.of("lr_schedule", "step", "lr_boundaries", List.of(5), "lr_values", List.of(1)))
                .startsWith("lr_values must hold one more rate than lr_boundaries has epochs"));
        assertEquals("lr_values must be finite numbers > 0, was [0.1, 0.0]", refused(Map.of("lr_schedule", "step",
                "lr_boundaries", List.of(5), "lr_values", List.of(0.1, 0))));
    }

    private static String refused(Map<String, Object> params) {
        return assertThrows(IllegalArgumentException.class, () -> TrainingHyperparameters.from(params))
                .getMessage();
    }
}

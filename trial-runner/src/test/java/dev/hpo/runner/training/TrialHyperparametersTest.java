package dev.hpo.runner.training;

import static dev.hpo.runner.training.TestParams.mlp;
import static dev.hpo.runner.training.TestParams.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.hpo.runner.model.ModelBuilder;
import dev.hpo.runner.model.ModelInput;

/** How a trial's parameters are split between the trainer and the builder, and what a checkpoint keeps of them. */
class TrialHyperparametersTest {

    /** A builder of one's own that keeps the default {@link ModelBuilder#resolve}. */
    private static final ModelBuilder LINEAR = new ModelBuilder() {
        @Override
        public String name() {
            return "linear";
        }

        @Override
        public Set<String> hyperparameters() {
            return Set.of("bias", "scale", "sizes");
        }

        @Override
        public Block build(ModelInput input, Map<String, Object> values) {
            return Linear.builder().setUnits(input.classes()).build();
        }
    };

    @Test
    void trainingNamesGoToTheTrainerAndTheOthersToTheBuilder() {
        TrialHyperparameters values = mlp(params("optimizer", "sgd", "units", 64, "learning_rate", 0.1,
                "dropout", 0.25));

        assertEquals("mlp", values.builder());
        assertEquals(new OptimizerSettings.Sgd(0, false), values.training().optimizer());
        assertEquals(new LearningRateSchedule.Constant(0.1), values.training().schedule());
        assertEquals(Map.of("layers", 1, "units_1", 64, "activation", "relu", "dropout", 0.25), values.model());
    }

    @Test
    void refusesAnUnknownNameListingWhatTheBuilderAndTheTrainerRead() {
        String message = refused(Map.of("dropuot", 0.2));

        assertTrue(message.startsWith("unknown hyperparameter ['dropuot']; the mlp builder reads layers, units,"
                + " units_1 … units_16, activation, dropout, and the trainer reads optimizer, learning_rate,"), message);
        assertTrue(refused(Map.of("units_17", 16)).startsWith("unknown hyperparameter ['units_17']"));
    }

    @Test
    void refusesAHyperparameterOfAnotherBuilder() {
        assertTrue(refused(Map.of("filters", 32)).startsWith("unknown hyperparameter ['filters']; the mlp builder"));
    }

    @Test
    void theBuilderRefusesUnitsOfALayerBeyondLayers() {
        String message = refused(Map.of("layers", 2, "units_3", 16));

        assertTrue(message.contains("'units_3' applies only with layers >= 3 (layers is 2)"), message);
        assertTrue(refused(Map.of("units", 64, "units_1", 32)).contains("[units] does not apply"));
    }

    @Test
    void theTrainerStillRefusesANameThatDoesNotApply() {
        assertTrue(refused(Map.of("optimizer", "adam", "rho", 0.9, "units", 32))
                .startsWith("hyperparameter [rho] does not apply to this trial (optimizer adam,"));
    }

    @Test
    void valuesMeaningTheSameNetworkAreEqual() {
        assertEquals(mlp(Map.of()), mlp(Map.of("units", 128.0, "layers", 1)));
        assertEquals(mlp(Map.of("units", 64)), mlp(Map.of("units_1", 64L)));
        assertNotEquals(mlp(Map.of("units", 64)), mlp(Map.of("units", 65)));
    }

    @Test
    void toParamsReadsBackToEqualValues() {
        for (Map<String, Object> params : List.of(Map.<String, Object>of(),
                params("optimizer", "rmsprop", "momentum", 0.5, "lr_schedule", "step", "lr_boundaries", List.of(3),
                        "lr_values", List.of(0.1, 0.01), "layers", 2, "units_1", 7, "activation", "mish",
                        "dropout", 0.1, "weight_decay", 0.01))) {
            TrialHyperparameters values = mlp(params);

            assertEquals(values, TrialHyperparameters.fromParams("mlp", values.toParams()), params.toString());
        }
    }

    @Test
    void aBuilderWithoutResolveKeepsItsValuesAsGivenInCheckpointTypes() {
        TrialHyperparameters values = TrialHyperparameters.of(LINEAR, params("scale", 2.5f, "bias", true,
                "sizes", List.of(3, 4L), "batch_size", 32));

        assertEquals(Map.of("scale", 2.5, "bias", true, "sizes", List.of(3.0, 4.0)), values.model());
        assertEquals(32, values.training().batchSize());
        assertEquals(values, TrialHyperparameters.fromParams("linear", values.toParams()));
        assertEquals(Map.of("scale", 3), TrialHyperparameters.of(LINEAR, Map.of("scale", 3L)).model());
        assertEquals(Map.of("scale", 0.5), TrialHyperparameters.of(LINEAR, Map.of("scale", new BigDecimal("0.5")))
                .model());
    }

    @Test
    void aBuilderReadingNothingSaysSo() {
        ModelBuilder none = new ModelBuilder() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public Set<String> hyperparameters() {
                return Set.of();
            }

            @Override
            public Block build(ModelInput input, Map<String, Object> values) {
                return Linear.builder().setUnits(input.classes()).build();
            }
        };

        String message = assertThrows(IllegalArgumentException.class,
                () -> TrialHyperparameters.of(none, Map.of("units", 3))).getMessage();

        assertTrue(message.startsWith("unknown hyperparameter ['units']; the fixed builder reads none, and the"
                + " trainer reads optimizer"), message);
    }

    private static String refused(Map<String, Object> params) {
        return assertThrows(IllegalArgumentException.class, () -> mlp(params)).getMessage();
    }
}

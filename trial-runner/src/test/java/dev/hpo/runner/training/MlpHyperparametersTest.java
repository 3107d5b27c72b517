package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MlpHyperparametersTest {

    @Test
    void missingValuesTakeTheKerasExampleDefaults() {
        assertEquals(new MlpHyperparameters(128, 1e-3, 128), MlpHyperparameters.from(Map.of()));
    }

    @Test
    void acceptsAnyJsonNumberTypeAndIgnoresOtherNames() {
        MlpHyperparameters values = MlpHyperparameters.from(
                Map.of("units", 64L, "learning_rate", 1, "batch_size", 256.0, "dropout", 0.2));

        assertEquals(new MlpHyperparameters(64, 1.0, 256), values);
    }

    @Test
    void refusesFractionalUnitsNamingTheParameter() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MlpHyperparameters.from(Map.of("units", 12.5)));

        assertTrue(error.getMessage().startsWith("units must be a whole number"), error.getMessage());
    }

    @Test
    void refusesNonPositiveLearningRateNamingTheValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MlpHyperparameters.from(Map.of("learning_rate", -0.1)));

        assertTrue(error.getMessage().contains("learning_rate must be a finite number > 0, was -0.1"),
                error.getMessage());
    }

    @Test
    void refusesTextWhereANumberBelongs() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MlpHyperparameters.from(Map.of("batch_size", "big")));

        assertTrue(error.getMessage().contains("batch_size must be a number"), error.getMessage());
    }
}

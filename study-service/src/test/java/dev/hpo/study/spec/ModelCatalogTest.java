package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    @Test
    void mlpAndCnnAreBuiltInAndShareTheTrainingHyperparameters() {
        assertEquals(Set.of("cnn", "mlp"), ModelCatalog.builders());
        for (String builder : ModelCatalog.builders()) {
            for (String training : Set.of("optimizer", "learning_rate", "batch_size", "l2", "lr_schedule")) {
                assertTrue(ModelCatalog.hyperparameter(builder, training).isPresent(), builder + " " + training);
            }
        }
    }

    @Test
    void theCnnReadsItsOwnHyperparametersWithTheRunnersDefaults() {
        assertEquals(2, ModelCatalog.hyperparameter("cnn", "conv_layers").orElseThrow().defaultValue());
        assertEquals(32, ModelCatalog.hyperparameter("cnn", "filters").orElseThrow().defaultValue());
        assertEquals(3, ModelCatalog.hyperparameter("cnn", "kernel_size").orElseThrow().defaultValue());
        assertEquals(128, ModelCatalog.hyperparameter("cnn", "units").orElseThrow().defaultValue());
        assertEquals("relu", ModelCatalog.hyperparameter("cnn", "activation").orElseThrow().defaultValue());
        assertEquals(0.0, ModelCatalog.hyperparameter("cnn", "dropout").orElseThrow().defaultValue());
        assertFalse(ModelCatalog.hyperparameter("cnn", "kernel_size").orElseThrow().accepts().test(4));
        assertEquals(Optional.empty(), ModelCatalog.hyperparameter("cnn", "layers"));
        assertEquals(Optional.empty(), ModelCatalog.hyperparameter("cnn", "units_1"));
    }

    @Test
    void ofABuilderOfOnesOwnOnlyTheTrainingHyperparametersAreKnown() {
        assertTrue(ModelCatalog.hyperparameter("resnet", "momentum").isPresent());
        assertEquals(Optional.empty(), ModelCatalog.hyperparameter("resnet", "units"));
    }

    @Test
    void datasetsWithTheirTrainingSizeWhereItIsFixed() {
        assertEquals(Set.of("csv", "fashion-mnist", "mnist"), ModelCatalog.datasets());
        assertEquals(Optional.of(60_000), ModelCatalog.trainingSize("mnist"));
        assertEquals(Optional.empty(), ModelCatalog.trainingSize("csv"));
    }
}

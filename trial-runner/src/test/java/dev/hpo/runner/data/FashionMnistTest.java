package dev.hpo.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void missingDirectoryErrorNamesTheDebianPackageAndTheSetting() {
        Path missing = dir.resolve("nowhere");

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> FashionMnist.load(missing));

        assertTrue(error.getMessage().contains("apt-get install dataset-fashion-mnist"), error.getMessage());
        assertTrue(error.getMessage().contains("hpo.runner.dataset-dir"), error.getMessage());
    }

    @Test
    void missingFileErrorNamesTheFile() throws IOException {
        IdxFiles.fashionMnist(dir, 5, 3);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> FashionMnist.load(dir));

        assertTrue(error.getMessage().contains("t10k-labels-idx1-ubyte.gz"), error.getMessage());
    }

    @Test
    void scalesPixelsToUnitRangeAndKeepsLabels() throws IOException {
        IdxFiles.fashionMnist(dir, 5, 3);

        DatasetSplits data = FashionMnist.load(dir);

        assertEquals(5, data.train().size());
        assertEquals(3, data.validation().size());
        assertEquals(784, data.train().featuresPerImage());
        float[] features = new float[784];
        data.train().copyFeatures(4, features, 0);
        assertEquals(4 / 255f, features[783]);
        assertEquals(4, data.train().label(4));
    }

    @Test
    void refusesLabelCountDifferentFromImageCount() throws IOException {
        IdxFiles.fashionMnist(dir, 5, 3);
        IdxFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), IdxReader.LABELS_MAGIC, new int[] {1, 2}, true);

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> FashionMnist.load(dir));

        assertTrue(error.getMessage().contains("2 labels for 5 images"), error.getMessage());
    }

    @Test
    void installedDatasetHas60000TrainingAnd10000ValidationImages() {
        DatasetSplits data = FashionMnist.load(Path.of("/usr/share/datasets/fashion-mnist"));

        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.validation().size());
        assertEquals(10, data.classes());
    }
}

package dev.hpo.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path dir;

    @Test
    void missingDirectoryErrorNamesTheDebianPackageAndTheSetting() {
        Path missing = dir.resolve("nowhere");

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> IdxDataset.FASHION_MNIST.load(missing));

        assertTrue(error.getMessage().contains("apt-get install dataset-fashion-mnist"), error.getMessage());
        assertTrue(error.getMessage().contains("hpo.runner.dataset-dir"), error.getMessage());
    }

    @Test
    void missingFileErrorNamesTheFile() throws IOException {
        IdxFiles.fashionMnist(dir, 5, 3);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> IdxDataset.FASHION_MNIST.load(dir));

        assertTrue(error.getMessage().contains("t10k-labels-idx1-ubyte.gz"), error.getMessage());
    }

    @Test
    void scalesPixelsToUnitRangeAndKeepsLabels() throws IOException {
        IdxFiles.fashionMnist(dir, 5, 3);

        DatasetSplits data = IdxDataset.FASHION_MNIST.load(dir);

        assertEquals(5, data.train().size());
        assertEquals(3, data.validation().size());
        assertEquals(784, data.train().featuresPerImage());
        assertEquals(List.of(1, 28, 28), data.shape());
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
                () -> IdxDataset.FASHION_MNIST.load(dir));

        assertTrue(error.getMessage().contains("2 labels for 5 images"), error.getMessage());
    }

    @Test
    void mnistReadsTheSameFileNamesAndSaysHowToProvideThem() throws IOException {
        IdxFiles.mnist(dir, 6, 4);

        DatasetSplits data = IdxDataset.MNIST.load(dir);

        assertEquals(6, data.train().size());
        assertEquals(4, data.validation().size());
        assertEquals(10, data.classes());
        assertEquals(List.of(1, 28, 28), data.shape());
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> IdxDataset.MNIST.load(dir.resolve("nowhere")));
        assertTrue(error.getMessage().startsWith("MNIST directory "), error.getMessage());
        assertTrue(error.getMessage().contains("hpo.runner.datasets.mnist-dir"), error.getMessage());
    }

    @Test
    void installedDatasetHas60000TrainingAnd10000ValidationImages() {
        DatasetSplits data = IdxDataset.FASHION_MNIST.load(Path.of("/usr/share/datasets/fashion-mnist"));

        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.validation().size());
        assertEquals(10, data.classes());
    }
}

package dev.hpo.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.protocol.DatasetSpec;

class DatasetCatalogTest {

    @TempDir
    Path dir;

    @Test
    void loadsADatasetOnceAndHandsOutTheSameCopy() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(IdxFiles.fashionMnist(dir, 4, 2), dir.resolve("mnist"));

        assertSame(catalog.get("fashion-mnist"), catalog.get("fashion-mnist"));
    }

    @Test
    void theTrainLimitDoesNotMakeAnotherDataset() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(IdxFiles.fashionMnist(dir, 4, 2), dir.resolve("mnist"));

        assertSame(catalog.get(new DatasetSpec("fashion-mnist", 2)), catalog.get(new DatasetSpec("fashion-mnist", 3)));
    }

    @Test
    void unknownDatasetErrorNamesItAndTheKnownOnes() {
        DatasetCatalog catalog = new DatasetCatalog(dir, dir);

        UnknownDatasetException error = assertThrows(UnknownDatasetException.class, () -> catalog.get("cifar-10"));

        assertEquals("unknown dataset 'cifar-10'; this runner knows [csv, fashion-mnist, mnist]", error.getMessage());
    }

    @Test
    void failedLoadIsRetriedOnceTheFilesAppear() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(dir, dir.resolve("mnist"));
        assertThrows(DatasetUnavailableException.class, () -> catalog.get("fashion-mnist"));

        IdxFiles.fashionMnist(dir, 4, 2);

        assertEquals(4, catalog.get("fashion-mnist").train().size());
    }

    @Test
    void mnistComesFromItsConfiguredDirectoryOrTheRequestsPath() throws IOException {
        Path configured = IdxFiles.mnist(Files.createDirectories(dir.resolve("configured")), 5, 2);
        Path requested = IdxFiles.mnist(Files.createDirectories(dir.resolve("requested")), 7, 3);
        DatasetCatalog catalog = new DatasetCatalog(dir.resolve("fashion"), configured);

        assertEquals(5, catalog.get("mnist").train().size());
        assertEquals(7, catalog.get(new DatasetSpec("mnist", null, requested.toString(), null, null, null))
                .train().size());
        assertEquals(List.of(1, 28, 28), catalog.get("mnist").shape());
    }

    @Test
    void csvSpecsDifferingInAnyFieldAreDifferentDatasets() throws IOException {
        Path file = Files.writeString(dir.resolve("d.csv"), "a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,0,1\n");
        DatasetCatalog catalog = new DatasetCatalog(dir, dir);
        DatasetSpec all = new DatasetSpec("csv", null, file.toString(), "y", null, null);
        DatasetSpec onlyA = new DatasetSpec("csv", null, file.toString(), "y", List.of("a"), null);

        assertSame(catalog.get(all), catalog.get(new DatasetSpec("csv", 3, file.toString(), "y", null, null)));
        assertNotSame(catalog.get(all), catalog.get(onlyA));
        assertEquals(List.of(2), catalog.get(all).shape());
        assertEquals(List.of(1), catalog.get(onlyA).shape());
    }

    @Test
    void csvFieldsOnAnImageDatasetAreRefused() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(IdxFiles.fashionMnist(dir, 4, 2), dir);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> catalog.get(new DatasetSpec("fashion-mnist", null, null, "label", null, null)));

        assertTrue(error.getMessage().startsWith("dataset fashion-mnist takes no labelColumn"), error.getMessage());
    }
}

package dev.hpo.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    @TempDir
    Path dir;

    @Test
    void loadsADatasetOnceAndHandsOutTheSameCopy() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(IdxFiles.fashionMnist(dir, 4, 2));

        assertSame(catalog.get("fashion-mnist"), catalog.get("fashion-mnist"));
    }

    @Test
    void unknownDatasetErrorNamesItAndTheKnownOnes() {
        DatasetCatalog catalog = new DatasetCatalog(dir);

        UnknownDatasetException error = assertThrows(UnknownDatasetException.class, () -> catalog.get("cifar-10"));

        assertTrue(error.getMessage().contains("'cifar-10'"), error.getMessage());
        assertTrue(error.getMessage().contains("fashion-mnist"), error.getMessage());
    }

    @Test
    void failedLoadIsRetriedOnceTheFilesAppear() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(dir);
        assertThrows(DatasetUnavailableException.class, () -> catalog.get("fashion-mnist"));

        IdxFiles.fashionMnist(dir, 4, 2);

        assertEquals(4, catalog.get("fashion-mnist").train().size());
    }
}

package dev.hpo.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsGzippedImagesWithTheirDimensionsAndPixels() throws IOException {
        Path file = IdxFiles.images(dir.resolve("images.gz"), IdxReader.IMAGES_MAGIC, 3, 2, 4, true);

        IdxImages images = IdxReader.readImages(file);

        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.columns());
        byte[] expected = new byte[24];
        Arrays.fill(expected, 8, 16, (byte) 1);
        Arrays.fill(expected, 16, 24, (byte) 2);
        assertArrayEquals(expected, images.pixels());
    }

    @Test
    void readsPlainLabelsAsUnsignedValues() throws IOException {
        Path file = IdxFiles.labels(dir.resolve("labels"), IdxReader.LABELS_MAGIC, new int[] {0, 9, 200}, false);

        assertArrayEquals(new int[] {0, 9, 200}, IdxReader.readLabels(file));
    }

    @Test
    void rejectsImagesFileWithLabelsMagicNumberNamingBoth() throws IOException {
        Path file = IdxFiles.labels(dir.resolve("labels.gz"), IdxReader.LABELS_MAGIC, new int[] {1, 2}, true);

        IdxFormatException error = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertTrue(error.getMessage().contains("magic number 2049 is not 2051"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void rejectsImagesFileShorterThanItsHeaderAnnounces() throws IOException {
        Path file = IdxFiles.images(dir.resolve("images"), IdxReader.IMAGES_MAGIC, 2, 28, 28, false);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        IdxFormatException error = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void rejectsFileThatEndsInsideItsHeader() throws IOException {
        Path file = Files.write(dir.resolve("stub"), new byte[] {0, 0, 8, 1, 0});

        IdxFormatException error = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file));

        assertTrue(error.getMessage().contains("header"), error.getMessage());
    }
}

package dev.hpo.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.protocol.DatasetSpec;

class CsvDatasetTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFeatureColumnsAndMapsNamedLabelsToClassesInSortedOrder() throws IOException {
        Path file = csv("x,label,y", "1.5,b,-2", "2,a,3e-1", "0,c,4", "1,b,1", "3,a,0");

        DatasetSplits data = CsvDataset.load(file, "label", null, 0.4);

        assertEquals(3, data.classes());
        assertEquals(List.of(2), data.shape());
        assertEquals(3, data.train().size());
        assertEquals(2, data.validation().size(), "round(5 * 0.4) rows held out");
        List<String> rows = new ArrayList<>();
        for (LabeledImages split : List.of(data.train(), data.validation())) {
            for (int i = 0; i < split.size(); i++) {
                float[] features = new float[2];
                split.copyFeatures(i, features, 0);
                rows.add(features[0] + "," + features[1] + "->" + split.label(i));
            }
        }
        rows.sort(null);
        assertEquals(List.of("0.0,4.0->2", "1.0,1.0->1", "1.5,-2.0->1", "2.0,0.3->0", "3.0,0.0->0"), rows,
                "a -> 0, b -> 1, c -> 2; features in header order without the label");
    }

    @Test
    void wholeNumberLabelsAreTheClassIndices() throws IOException {
        DatasetSplits data = CsvDataset.load(csv("f,y", "1,0", "2,2", "3,0", "4,2"), "y", null, 0.25);

        assertEquals(3, data.classes(), "the largest label plus one");
    }

    @Test
    void featureColumnsChooseAndOrderTheFeatures() throws IOException {
        DatasetSplits data = CsvDataset.load(csv("a,b,c,y", "1,2,3,0", "4,5,6,1"), "y", List.of("c", "a"), 0.5);

        float[] features = new float[2];
        LabeledImages firstRow = data.train().label(0) == 0 ? data.train() : data.validation();
        firstRow.copyFeatures(0, features, 0);
        assertArrayEquals(new float[] {3, 1}, features);
        assertEquals(List.of(2), data.shape());
    }

    @Test
    void everyLoadSplitsTheSameRowsOff() throws IOException {
        List<String> lines = new ArrayList<>(List.of("v,y"));
        for (int i = 0; i < 100; i++) {
            lines.add(i + "," + (i % 3));
        }
        Path file = csv(lines.toArray(String[]::new));

        DatasetSplits first = CsvDataset.load(file, "y", null, 0.2);
        DatasetSplits second = CsvDataset.load(file, "y", null, 0.2);

        assertEquals(80, first.train().size());
        assertEquals(20, first.validation().size());
        assertEquals(values(first.validation()), values(second.validation()));
        List<Float> lastRows = new ArrayList<>();
        for (int i = 80; i < 100; i++) {
            lastRows.add((float) i);
        }
        assertNotEquals(lastRows, values(first.validation()).stream().sorted().toList(),
                "the held-out rows come from a shuffle, not the file's end");
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() throws IOException {
        DatasetSplits data = CsvDataset.load(csv("\"size, cm\",\"kind\"", "\"1.5\",\"a \"\"big\"\" one\"",
                " 2 , \"b, small\""), "kind", null, 0.5);

        assertEquals(2, data.classes());
    }

    @Test
    void aValueThatIsNotANumberIsReportedWithFileLineAndColumn() throws IOException {
        Path file = csv("a,b,y", "1,2,0", "", "3,n/a,1");

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> CsvDataset.load(file, "y", null, 0.2));

        assertEquals(file + ", line 4, column 'b': 'n/a' is not a number", error.getMessage());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsReported() throws IOException {
        Path file = csv("a,b,y", "1,2,0", "3,1");

        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> CsvDataset.load(file, "y", null, 0.2));

        assertEquals(file + ", line 3: 2 fields, the header has 3", error.getMessage());
    }

    @Test
    void anEmptyValueIsReported() throws IOException {
        Path file = csv("a,y", "1,0", ",1");

        assertEquals(file + ", line 3, column 'a': the value is empty; missing values are not supported",
                assertThrows(DatasetUnavailableException.class, () -> CsvDataset.load(file, "y", null, 0.2))
                        .getMessage());
    }

    @Test
    void unknownColumnsAreReportedWithTheHeader() throws IOException {
        Path file = csv("a,b,y", "1,2,0", "3,4,1");

        assertEquals(file + ": no column 'label' (dataset.labelColumn) in the header [a, b, y]",
                assertThrows(IllegalArgumentException.class, () -> CsvDataset.load(file, "label", null, 0.2))
                        .getMessage());
        assertEquals(file + ": no column 'c' (dataset.featureColumns) in the header [a, b, y]",
                assertThrows(IllegalArgumentException.class, () -> CsvDataset.load(file, "y", List.of("a", "c"),
                        0.2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvDataset.load(file, "y", List.of("y"), 0.2))
                .getMessage().contains("the label column 'y' cannot also be a feature"));
    }

    @Test
    void aSingleClassIsRefused() throws IOException {
        Path file = csv("a,y", "1,cat", "2,cat");

        assertTrue(assertThrows(DatasetUnavailableException.class, () -> CsvDataset.load(file, "y", null, 0.5))
                .getMessage().endsWith("column 'y' has only the label 'cat'; classification needs at least 2 classes"));
    }

    @Test
    void aSpecWithoutPathOrLabelColumnOrAMissingFileSaysWhatIsNeeded() {
        assertEquals("dataset csv needs dataset.path: the CSV file on the runners",
                assertThrows(IllegalArgumentException.class,
                        () -> CsvDataset.load(new DatasetSpec("csv", null, null, "y", null, null))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvDataset.load(new DatasetSpec("csv", null, "/x.csv", null, null, null))).getMessage()
                .startsWith("dataset csv needs dataset.labelColumn"));
        Path missing = dir.resolve("missing.csv");
        assertEquals("CSV file " + missing + " (dataset.path) does not exist on this runner",
                assertThrows(DatasetUnavailableException.class, () -> CsvDataset.load(
                        new DatasetSpec("csv", null, missing.toString(), "y", null, null))).getMessage());
    }

    private Path csv(String... lines) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), String.join("\n", lines) + "\n");
    }

    private static List<Float> values(LabeledImages images) {
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            float[] features = new float[images.featuresPerImage()];
            images.copyFeatures(i, features, 0);
            values.add(features[0]);
        }
        return values;
    }
}

package dev.hpo.runner.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.hpo.protocol.DatasetSpec;

/**
 * A classification dataset from a CSV file with a header row: numeric feature columns (read as float, used as they
 * are: scale them beforehand) and a label column, either whole numbers {@code 0..k-1} (k = the largest plus one)
 * or names, mapped to class indices in sorted (string) order. Fields are separated by commas; a field may be
 * quoted with double quotes (a doubled quote inside stands for one) but may not span lines; blank lines are
 * skipped. Errors name the file, the line and the column.
 * <p>
 * The rows are shuffled with the fixed {@link #SPLIT_SEED}, and the last {@code validationSplit} of them are the
 * validation samples, so every runner holds out the same rows. Samples have the shape {@code [features]}.
 */
public final class CsvDataset {

    public static final String NAME = "csv";
    public static final double DEFAULT_VALIDATION_SPLIT = 0.2;
    /** The seed of the shuffle before the split: fixed, so every runner and every trial splits alike. */
    public static final long SPLIT_SEED = 0x5EED_C5FL;
    /** More classes than this is taken for a mistake (a numeric label column that is not a class). */
    public static final int MAX_CLASSES = 10_000;

    private static final Pattern CLASS_INDEX = Pattern.compile("[0-9]{1,9}");

    private CsvDataset() {
    }

    /**
     * @throws IllegalArgumentException     when the spec lacks the path or the label column
     * @throws DatasetUnavailableException  when the file is missing or its content does not fit, naming file, line
     *                                      and column
     */
    public static DatasetSplits load(DatasetSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new IllegalArgumentException("dataset csv needs dataset.path: the CSV file on the runners");
        }
        if (spec.labelColumn() == null || spec.labelColumn().isBlank()) {
            throw new IllegalArgumentException("dataset csv needs dataset.labelColumn: the header name of the"
                    + " label column");
        }
        double split = spec.validationSplit() == null ? DEFAULT_VALIDATION_SPLIT : spec.validationSplit();
        return load(Path.of(spec.path()), spec.labelColumn(), spec.featureColumns(), split);
    }

    /** @param featureColumns the feature columns in order, or {@code null} for every column but the label */
    public static DatasetSplits load(Path file, String labelColumn, List<String> featureColumns,
            double validationSplit) {
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in (0, 1), was " + validationSplit);
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetUnavailableException("CSV file " + file + " (dataset.path) does not exist on this runner",
                    null);
        }
        Table table = read(file, labelColumn, featureColumns);
        int rows = table.labels().size();
        if (rows < 2) {
            throw new DatasetUnavailableException(file + ": has " + rows + " data row" + (rows == 1 ? "" : "s")
                    + "; training and validation need at least 2", null);
        }
        Labels labels = classes(file, table);
        int[] order = shuffled(rows);
        int validationRows = (int) Math.max(1, Math.min(rows - 1, Math.round(rows * validationSplit)));
        int trainRows = rows - validationRows;
        int width = table.width();
        return new DatasetSplits(samples(table, labels.indices, order, 0, trainRows, width),
                samples(table, labels.indices, order, trainRows, rows, width), labels.classes, List.of(width));
    }

    /** The rows as read: features in the order of the feature columns, raw labels, and each row's line number. */
    private record Table(int width, String labelName, List<float[]> features, List<String> labels,
            List<Integer> lines) {
    }

    private record Labels(int[] indices, int classes) {
    }

    private static Table read(Path file, String labelColumn, List<String> featureColumns) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new DatasetUnavailableException(file + ": is empty; it needs a header row", null);
            }
            if (headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            List<String> header = fields(file, 1, headerLine);
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (positions.putIfAbsent(header.get(i), i) != null) {
                    throw new DatasetUnavailableException(file + ", line 1: the header has the column '"
                            + header.get(i) + "' twice", null);
                }
            }
            Integer label = positions.get(labelColumn);
            if (label == null) {
                throw new IllegalArgumentException(file + ": no column '" + labelColumn + "' (dataset.labelColumn)"
                        + " in the header " + header);
            }
            List<String> names = featureColumns == null
                    ? header.stream().filter(name -> !name.equals(labelColumn)).toList() : featureColumns;
            if (names.isEmpty()) {
                throw new IllegalArgumentException(file + ": no feature columns; the header is " + header);
            }
            int[] columns = new int[names.size()];
            for (int i = 0; i < columns.length; i++) {
                Integer position = positions.get(names.get(i));
                if (position == null) {
                    throw new IllegalArgumentException(file + ": no column '" + names.get(i)
                            + "' (dataset.featureColumns) in the header " + header);
                }
                if (position.equals(label)) {
                    throw new IllegalArgumentException(file + ": the label column '" + labelColumn
                            + "' cannot also be a feature (dataset.featureColumns)");
                }
                if (names.subList(0, i).contains(names.get(i))) {
                    throw new IllegalArgumentException(file + ": dataset.featureColumns names '" + names.get(i)
                            + "' twice");
                }
                columns[i] = position;
            }
            List<float[]> features = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = fields(file, lineNumber, line);
                if (row.size() != header.size()) {
                    throw new DatasetUnavailableException(file + ", line " + lineNumber + ": " + row.size()
                            + " fields, the header has " + header.size(), null);
                }
                float[] values = new float[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = number(file, lineNumber, header.get(columns[i]), row.get(columns[i]));
                }
                String labelValue = row.get(label);
                if (labelValue.isEmpty()) {
                    throw new DatasetUnavailableException(file + ", line " + lineNumber + ", column '" + labelColumn
                            + "': the label is empty", null);
                }
                features.add(values);
                labels.add(labelValue);
                lines.add(lineNumber);
            }
            return new Table(columns.length, labelColumn, features, labels, lines);
        } catch (IOException e) {
            throw new DatasetUnavailableException("reading CSV file " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** One line's fields, unquoted; surrounding spaces of unquoted fields are dropped. */
    static List<String> fields(Path file, int lineNumber, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new DatasetUnavailableException(file + ", line " + lineNumber + ", field "
                                + (fields.size() + 1) + ": a quoted field does not end on its line", null);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new DatasetUnavailableException(file + ", line " + lineNumber + ", field "
                            + (fields.size() + 1) + ": text after the closing quote", null);
                }
                fields.add(field.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                fields.add(line.substring(i, end).strip());
                i = end;
            }
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
            if (i == line.length()) {
                fields.add("");
                return fields;
            }
        }
    }

    private static float number(Path file, int lineNumber, String column, String text) {
        if (text.isEmpty()) {
            throw new DatasetUnavailableException(file + ", line " + lineNumber + ", column '" + column
                    + "': the value is empty; missing values are not supported", null);
        }
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new DatasetUnavailableException(file + ", line " + lineNumber + ", column '" + column + "': '"
                    + text + "' is not a number", null);
        }
        if (!Float.isFinite(value)) {
            throw new DatasetUnavailableException(file + ", line " + lineNumber + ", column '" + column + "': '"
                    + text + "' is not a finite float", null);
        }
        return value;
    }

    /** Whole-number labels are the class indices; otherwise names, indexed in sorted order. */
    private static Labels classes(Path file, Table table) {
        List<String> labels = table.labels();
        int[] indices = new int[labels.size()];
        if (labels.stream().allMatch(label -> CLASS_INDEX.matcher(label).matches())) {
            int max = 0;
            for (int i = 0; i < indices.length; i++) {
                indices[i] = Integer.parseInt(labels.get(i));
                if (indices[i] >= MAX_CLASSES) {
                    throw new DatasetUnavailableException(file + ", line " + table.lines().get(i) + ", column '"
                            + table.labelName() + "': class " + indices[i] + " makes more than " + MAX_CLASSES
                            + " classes; is this the label column?", null);
                }
                max = Math.max(max, indices[i]);
            }
            if (max < 1) {
                throw new DatasetUnavailableException(file + ": column '" + table.labelName() + "' has only the class "
                        + max + "; classification needs at least 2", null);
            }
            return new Labels(indices, max + 1);
        }
        List<String> names = new ArrayList<>(new TreeSet<>(labels));
        if (names.size() < 2) {
            throw new DatasetUnavailableException(file + ": column '" + table.labelName() + "' has only the label '"
                    + names.get(0) + "'; classification needs at least 2 classes", null);
        }
        if (names.size() > MAX_CLASSES) {
            throw new DatasetUnavailableException(file + ": column '" + table.labelName() + "' has " + names.size()
                    + " distinct labels, more than " + MAX_CLASSES + "; is this the label column?", null);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        for (int i = 0; i < indices.length; i++) {
            indices[i] = index.get(labels.get(i));
        }
        return new Labels(indices, names.size());
    }

    /** A permutation of the rows that depends on nothing but {@link #SPLIT_SEED}. */
    private static int[] shuffled(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random random = new Random(SPLIT_SEED);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = order[i];
            order[i] = order[j];
            order[j] = swapped;
        }
        return order;
    }

    private static LabeledImages samples(Table table, int[] labels, int[] order, int from, int to, int width) {
        float[] features = new float[(to - from) * width];
        int[] sampleLabels = new int[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(table.features().get(order[i]), 0, features, (i - from) * width, width);
            sampleLabels[i - from] = labels[order[i]];
        }
        return LabeledImages.of(features, sampleLabels, width);
    }
}

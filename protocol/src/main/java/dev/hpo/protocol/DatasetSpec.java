package dev.hpo.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which dataset a trial trains on. Fields a dataset does not use are {@code null}, and left out of the JSON, so a
 * request for a built-in dataset reads as it did before the CSV fields existed.
 *
 * @param name            dataset name: {@code fashion-mnist}, {@code mnist} or {@code csv}
 * @param trainLimit      use only the first this-many training samples; {@code null} means all of them
 * @param path            {@code csv}: the CSV file on the runners; {@code mnist}, {@code fashion-mnist}: the
 *                        directory with the IDX files instead of the runner's configured one; else {@code null}
 * @param labelColumn     {@code csv}: the header name of the label column
 * @param featureColumns  {@code csv}: the header names of the feature columns, in order; {@code null} means every
 *                        column but the label
 * @param validationSplit {@code csv}: the fraction of rows held out for validation, in (0, 1); {@code null} means
 *                        0.2
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(String name, Integer trainLimit, String path, String labelColumn,
        List<String> featureColumns, Double validationSplit) {

    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", null);

    public DatasetSpec {
        name = name == null || name.isBlank() ? "fashion-mnist" : name;
        if (trainLimit != null && trainLimit < 1) {
            throw new IllegalArgumentException("trainLimit must be >= 1, was " + trainLimit);
        }
        if (validationSplit != null && !(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in (0, 1), was " + validationSplit);
        }
        featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
    }

    /** A built-in dataset by name. */
    public DatasetSpec(String name, Integer trainLimit) {
        this(name, trainLimit, null, null, null, null);
    }

    /** The same dataset with another training limit: what a runner loads does not depend on the limit. */
    public DatasetSpec withTrainLimit(Integer limit) {
        return new DatasetSpec(name, limit, path, labelColumn, featureColumns, validationSplit);
    }
}

package dev.hpo.protocol;

/**
 * Which dataset a trial trains on.
 *
 * @param name       dataset name ({@code fashion-mnist} is built in)
 * @param trainLimit use only the first this-many training samples; {@code null} means all of them
 */
public record DatasetSpec(String name, Integer trainLimit) {

    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", null);

    public DatasetSpec {
        name = name == null || name.isBlank() ? "fashion-mnist" : name;
        if (trainLimit != null && trainLimit < 1) {
            throw new IllegalArgumentException("trainLimit must be >= 1, was " + trainLimit);
        }
    }
}

package dev.hpo.runner.data;

/**
 * Samples as flattened float features (pixels scaled to [0, 1], or a CSV row's numbers) with an integer class label
 * each. Immutable; {@link #first(int)} shares the arrays instead of copying the 188 MB of a full training set.
 */
public final class LabeledImages {

    private final float[] features;
    private final int[] labels;
    private final int featuresPerImage;
    private final int size;

    private LabeledImages(float[] features, int[] labels, int featuresPerImage, int size) {
        this.features = features;
        this.labels = labels;
        this.featuresPerImage = featuresPerImage;
        this.size = size;
    }

    /** Takes ownership of the arrays: callers must not change them afterwards. */
    public static LabeledImages of(float[] features, int[] labels, int featuresPerImage) {
        if (featuresPerImage < 1 || features.length != (long) labels.length * featuresPerImage) {
            throw new IllegalArgumentException(features.length + " features do not make " + labels.length
                    + " images of " + featuresPerImage);
        }
        return new LabeledImages(features, labels, featuresPerImage, labels.length);
    }

    /** Scales unsigned pixel bytes to [0, 1]. */
    public static LabeledImages fromPixels(IdxImages images, int[] labels) {
        byte[] pixels = images.pixels();
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
        }
        return of(features, labels, images.pixelsPerImage());
    }

    /** The first {@code limit} images, or all of them when there are fewer. */
    public LabeledImages first(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return limit >= size ? this : new LabeledImages(features, labels, featuresPerImage, limit);
    }

    public int size() {
        return size;
    }

    public int featuresPerImage() {
        return featuresPerImage;
    }

    public int label(int index) {
        return labels[checked(index)];
    }

    /** Copies the features of image {@code index} into {@code target} from {@code offset}. */
    public void copyFeatures(int index, float[] target, int offset) {
        System.arraycopy(features, checked(index) * featuresPerImage, target, offset, featuresPerImage);
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image " + index + " of " + size);
        }
        return index;
    }
}

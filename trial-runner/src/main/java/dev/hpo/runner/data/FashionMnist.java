package dev.hpo.runner.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads Fashion-MNIST from the original IDX files: 60,000 training and 10,000 test images of 28x28 pixels in
 * ten classes. The test images serve as validation data. Each file may be gzipped ({@code .gz}, as the Debian
 * package installs them) or plain.
 */
public final class FashionMnist {

    public static final String NAME = "fashion-mnist";
    public static final int CLASSES = 10;
    public static final int SIDE = 28;

    private static final String INSTALL_HINT = "install the Debian package with `apt-get install "
            + "dataset-fashion-mnist`, or set hpo.runner.dataset-dir to a directory holding the IDX files";

    private FashionMnist() {
    }

    public static DatasetSplits load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DatasetUnavailableException("Fashion-MNIST directory " + directory + " does not exist: "
                    + INSTALL_HINT, null);
        }
        LabeledImages train = split(directory, "train");
        LabeledImages test = split(directory, "t10k");
        return new DatasetSplits(train, test, CLASSES);
    }

    private static LabeledImages split(Path directory, String prefix) {
        Path imagesFile = find(directory, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(directory, prefix + "-labels-idx1-ubyte");
        try {
            IdxImages images = IdxReader.readImages(imagesFile);
            int[] labels = IdxReader.readLabels(labelsFile);
            if (images.rows() != SIDE || images.columns() != SIDE) {
                throw new IdxFormatException(imagesFile, "images are " + images.rows() + "x" + images.columns()
                        + ", Fashion-MNIST's are " + SIDE + "x" + SIDE);
            }
            if (images.count() != labels.length) {
                throw new IdxFormatException(labelsFile, labels.length + " labels for " + images.count()
                        + " images in " + imagesFile.getFileName());
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= CLASSES) {
                    throw new IdxFormatException(labelsFile, "label " + labels[i] + " at " + i
                            + " is not a class 0.." + (CLASSES - 1));
                }
            }
            return LabeledImages.fromPixels(images, labels);
        } catch (IOException e) {
            throw new DatasetUnavailableException("reading Fashion-MNIST failed: " + e.getMessage()
                    + "; to reinstall, " + INSTALL_HINT, e);
        }
    }

    private static Path find(Path directory, String baseName) {
        Path gzipped = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path plain = directory.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetUnavailableException("Fashion-MNIST file " + gzipped + " is missing: " + INSTALL_HINT, null);
    }
}

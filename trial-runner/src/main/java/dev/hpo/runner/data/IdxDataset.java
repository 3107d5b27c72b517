package dev.hpo.runner.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset of the MNIST family, from the original IDX files: 60,000 training and 10,000 test images of 28x28
 * grey pixels in ten classes, in the files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each gzipped ({@code .gz}, as the Debian
 * package installs Fashion-MNIST) or plain. The test images serve as validation data. Samples have the shape
 * {@code [1, 28, 28]}; pixels are scaled to [0, 1].
 */
public final class IdxDataset {

    /** Zalando's Fashion-MNIST: clothes. */
    public static final IdxDataset FASHION_MNIST = new IdxDataset("fashion-mnist", "Fashion-MNIST",
            "install the Debian package with `apt-get install dataset-fashion-mnist`, or set hpo.runner.dataset-dir"
                    + " (or the request's dataset.path) to a directory holding the IDX files");
    /** LeCun's MNIST: handwritten digits. */
    public static final IdxDataset MNIST = new IdxDataset("mnist", "MNIST",
            "put the four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                    + " t10k-labels-idx1-ubyte.gz; gzipped or not) in a directory and set hpo.runner.datasets.mnist-dir"
                    + " (or the request's dataset.path) to it");

    public static final int CLASSES = 10;
    public static final int SIDE = 28;
    /** Channels, height, width of one image. */
    public static final List<Integer> SHAPE = List.of(1, SIDE, SIDE);

    private final String name;
    private final String title;
    private final String installHint;

    private IdxDataset(String name, String title, String installHint) {
        this.name = name;
        this.title = title;
        this.installHint = installHint;
    }

    /** The name requests use. */
    public String name() {
        return name;
    }

    /** @throws DatasetUnavailableException naming the file and how to install it, when files are missing or broken */
    public DatasetSplits load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DatasetUnavailableException(title + " directory " + directory + " does not exist: "
                    + installHint, null);
        }
        LabeledImages train = split(directory, "train");
        LabeledImages test = split(directory, "t10k");
        return new DatasetSplits(train, test, CLASSES, SHAPE);
    }

    private LabeledImages split(Path directory, String prefix) {
        Path imagesFile = find(directory, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(directory, prefix + "-labels-idx1-ubyte");
        try {
            IdxImages images = IdxReader.readImages(imagesFile);
            int[] labels = IdxReader.readLabels(labelsFile);
            if (images.rows() != SIDE || images.columns() != SIDE) {
                throw new IdxFormatException(imagesFile, "images are " + images.rows() + "x" + images.columns()
                        + ", " + title + "'s are " + SIDE + "x" + SIDE);
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
            throw new DatasetUnavailableException("reading " + title + " failed: " + e.getMessage()
                    + "; to reinstall, " + installHint, e);
        }
    }

    private Path find(Path directory, String baseName) {
        Path gzipped = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path plain = directory.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetUnavailableException(title + " file " + gzipped + " is missing: " + installHint, null);
    }
}

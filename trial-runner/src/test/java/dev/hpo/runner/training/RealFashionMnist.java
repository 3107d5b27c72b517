package dev.hpo.runner.training;

import java.nio.file.Path;

import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.data.IdxDataset;

/** The installed Fashion-MNIST, loaded once for all training tests, with DJL set up as the runner sets it up. */
final class RealFashionMnist {

    static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private static DatasetSplits data;

    private RealFashionMnist() {
    }

    static synchronized DatasetSplits load() {
        if (data == null) {
            configureEngine();
            data = IdxDataset.FASHION_MNIST.load(DIRECTORY);
        }
        return data;
    }

    /** Offline, natives in the usual cache, one thread: call before the engine is first touched. */
    static void configureEngine() {
        DjlEnvironment.configure(Path.of(System.getProperty("user.home"), ".djl.ai"), 1);
    }

    /** The first {@code trainSamples} training images and all 10,000 validation images. */
    static DatasetSplits slice(int trainSamples) {
        return load().firstTraining(trainSamples);
    }

    /** A catalog that finds the installed Fashion-MNIST; MNIST in a directory that does not exist. */
    static DatasetCatalog catalog() {
        return new DatasetCatalog(DIRECTORY, Path.of("/nonexistent/mnist"));
    }
}

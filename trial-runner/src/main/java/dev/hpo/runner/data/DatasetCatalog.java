package dev.hpo.runner.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.hpo.protocol.DatasetSpec;

/**
 * The datasets a runner can train on, by name: {@code fashion-mnist}, {@code mnist} (IDX files from a directory)
 * and {@code csv} (a file named by the request). Each is loaded on first use and then kept for the life of the
 * process, shared by every trial: parsing Fashion-MNIST costs seconds and its training features take 188 MB, too
 * much to repeat per trial. The cache is keyed by everything in the {@link DatasetSpec} that changes what is loaded
 * (all but {@code trainLimit}, which trials apply to the loaded data), so two CSV specs that differ in any field
 * are two datasets; a file that changes on disk is read again only by a new process. A load that fails is not
 * cached, so installing or fixing the files fixes the next trial without a restart.
 */
public final class DatasetCatalog {

    private final Map<String, Function<DatasetSpec, DatasetSplits>> loaders;
    private final Map<DatasetSpec, DatasetSplits> loaded = new ConcurrentHashMap<>();

    /**
     * @param fashionMnistDirectory where the Fashion-MNIST files are, unless a request names a directory
     * @param mnistDirectory        where the MNIST files are, unless a request names a directory
     */
    public DatasetCatalog(Path fashionMnistDirectory, Path mnistDirectory) {
        this.loaders = Map.of(
                IdxDataset.FASHION_MNIST.name(), spec -> idx(IdxDataset.FASHION_MNIST, spec, fashionMnistDirectory),
                IdxDataset.MNIST.name(), spec -> idx(IdxDataset.MNIST, spec, mnistDirectory),
                CsvDataset.NAME, CsvDataset::load);
    }

    /**
     * @throws UnknownDatasetException      for a name no loader has
     * @throws IllegalArgumentException     for fields the dataset does not take, or required ones missing
     * @throws DatasetUnavailableException  when the files are missing or broken
     */
    public DatasetSplits get(DatasetSpec spec) {
        Function<DatasetSpec, DatasetSplits> loader = loaders.get(spec.name());
        if (loader == null) {
            throw new UnknownDatasetException(spec.name(), known());
        }
        return loaded.computeIfAbsent(spec.withTrainLimit(null), loader);
    }

    /** A dataset that needs nothing but its name. */
    public DatasetSplits get(String name) {
        return get(new DatasetSpec(name, null));
    }

    public Set<String> known() {
        return new TreeSet<>(loaders.keySet());
    }

    private static DatasetSplits idx(IdxDataset dataset, DatasetSpec spec, Path configured) {
        if (spec.labelColumn() != null || spec.featureColumns() != null || spec.validationSplit() != null) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " takes no labelColumn, featureColumns"
                    + " or validationSplit (those are for csv); its validation data are its 10,000 test images");
        }
        return dataset.load(spec.path() == null ? configured : Path.of(spec.path()));
    }
}

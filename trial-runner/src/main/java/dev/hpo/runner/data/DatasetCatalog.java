package dev.hpo.runner.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The datasets a runner can train on, each loaded on first use and then kept for the life of the process:
 * parsing Fashion-MNIST costs seconds and its training features take 188 MB, too much to repeat per trial.
 * A load that fails is not cached, so installing the files fixes the next trial without a restart.
 */
public final class DatasetCatalog {

    private final Map<String, Function<Path, DatasetSplits>> loaders = Map.of(FashionMnist.NAME, FashionMnist::load);
    private final Map<String, DatasetSplits> loaded = new ConcurrentHashMap<>();
    private final Path directory;

    /** @param directory where the Fashion-MNIST files are */
    public DatasetCatalog(Path directory) {
        this.directory = directory;
    }

    /**
     * @throws UnknownDatasetException      for a name no loader has
     * @throws DatasetUnavailableException  when the files are missing or broken
     */
    public DatasetSplits get(String name) {
        Function<Path, DatasetSplits> loader = loaders.get(name);
        if (loader == null) {
            throw new UnknownDatasetException(name, known());
        }
        return loaded.computeIfAbsent(name, n -> loader.apply(directory));
    }

    public Set<String> known() {
        return loaders.keySet();
    }
}

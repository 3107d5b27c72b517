package dev.hpo.runner.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The model builders of this runner, by name: the built-in {@code mlp} and {@code cnn}, and whatever
 * {@link ModelBuilder} implementations {@link ServiceLoader} finds on the class path or in the jars of an extra
 * directory. Checked once, at startup: two builders of one name, a builder without a name, or one that declares a
 * hyperparameter the trainer reads, stop the runner with a message naming the classes.
 */
public final class ModelBuilders {

    private final Map<String, ModelBuilder> byName;

    private ModelBuilders(Map<String, ModelBuilder> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** @throws IllegalStateException for a duplicate name, a blank name or a declared training hyperparameter */
    public static ModelBuilders of(Collection<? extends ModelBuilder> builders) {
        Map<String, ModelBuilder> byName = new TreeMap<>();
        for (ModelBuilder builder : builders) {
            String name = builder.name();
            String type = builder.getClass().getName();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("model builder " + type + " has no name");
            }
            ModelBuilder other = byName.putIfAbsent(name, builder);
            if (other != null) {
                throw new IllegalStateException("two model builders are named '" + name + "': "
                        + other.getClass().getName() + " and " + type + "; remove one of their jars (class path or"
                        + " hpo.runner.model-builders-dir), or rename one");
            }
            Set<String> declared = builder.hyperparameters();
            if (declared == null) {
                throw new IllegalStateException("model builder '" + name + "' (" + type + ") returns no"
                        + " hyperparameters; return an empty set when it reads none");
            }
            Set<String> clashing = new TreeSet<>(declared);
            clashing.retainAll(ModelBuilder.TRAINING_HYPERPARAMETERS);
            if (!clashing.isEmpty()) {
                throw new IllegalStateException("model builder '" + name + "' (" + type + ") declares " + clashing
                        + ", which the trainer reads itself; a builder declares only its own hyperparameters");
            }
        }
        return new ModelBuilders(byName);
    }

    /** The built-in builders only, without looking at the class path. */
    public static ModelBuilders builtIn() {
        return of(List.of(new MlpBuilder(), new CnnBuilder()));
    }

    /** Every builder the service files visible to {@code loader} name. */
    public static ModelBuilders discover(ClassLoader loader) {
        List<ModelBuilder> builders = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<ModelBuilder> provider : ServiceLoader.load(ModelBuilder.class, loader)
                    .stream().toList()) {
                builders.add(provider.get());
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a model builder could not be loaded: " + e.getMessage(), e);
        }
        return of(builders);
    }

    /**
     * The builders on the runner's own class path, plus those in the jars of {@code jarDirectory} when given:
     * these are loaded by a class loader whose parent is the runner's, so they see the runner's classes and DJL.
     *
     * @throws IllegalStateException when the directory does not exist, or as {@link #of}
     */
    public static ModelBuilders discover(Optional<Path> jarDirectory) {
        ClassLoader runner = ModelBuilder.class.getClassLoader();
        if (jarDirectory.isEmpty()) {
            return discover(runner);
        }
        return discover(new URLClassLoader("model-builders", jarUrls(jarDirectory.get()), runner));
    }

    private static URL[] jarUrls(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("model builder directory " + directory + " (hpo.runner.model-builders-dir)"
                    + " does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot read model builder jars in " + directory + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model builder jars in " + directory, e);
        }
    }

    /** @throws UnknownModelBuilderException naming the known builders */
    public ModelBuilder get(String name) {
        ModelBuilder builder = byName.get(name);
        if (builder == null) {
            throw new UnknownModelBuilderException(name, names());
        }
        return builder;
    }

    /** The names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    /** {@code cnn (dev.hpo.runner.model.CnnBuilder), mlp (...)}: for the startup log. */
    public String describe() {
        return byName.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }
}

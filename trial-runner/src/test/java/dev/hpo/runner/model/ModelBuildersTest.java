package dev.hpo.runner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

class ModelBuildersTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInBuildersComeFromTheServiceFileOnTheClassPath() {
        ModelBuilders builders = ModelBuilders.discover(Optional.empty());

        assertTrue(builders.names().containsAll(Set.of("mlp", "cnn")), builders.names().toString());
        assertEquals(MlpBuilder.class, builders.get("mlp").getClass());
        assertEquals(CnnBuilder.class, builders.get("cnn").getClass());
    }

    @Test
    void anUnknownNameIsRefusedListingTheKnownBuilders() {
        UnknownModelBuilderException error = assertThrows(UnknownModelBuilderException.class,
                () -> ModelBuilders.builtIn().get("resnet"));

        assertTrue(error.getMessage().startsWith("unknown model builder 'resnet'; this runner knows [cnn, mlp]"),
                error.getMessage());
    }

    @Test
    void twoBuildersOfOneNameFailNamingBothClasses() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ModelBuilders.of(List.of(new MlpBuilder(), new Named("mlp", Set.of()))));

        assertTrue(error.getMessage().startsWith("two model builders are named 'mlp': dev.hpo.runner.model.MlpBuilder"
                + " and dev.hpo.runner.model.ModelBuildersTest$Named"), error.getMessage());
    }

    @Test
    void aBuilderMayNotDeclareWhatTheTrainerReads() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ModelBuilders.of(List.of(new Named("mine", Set.of("depth", "learning_rate")))));

        assertTrue(error.getMessage().contains("declares [learning_rate], which the trainer reads itself"),
                error.getMessage());
    }

    @Test
    void aBuilderInAJarOfTheBuilderDirectoryIsFoundWithoutBeingOnTheClassPath() throws Exception {
        jar(dir.resolve("tiny.jar"), "com.example.tiny.TinyBuilder", "tiny");

        ModelBuilders builders = ModelBuilders.discover(Optional.of(dir));

        assertEquals(Set.of("cnn", "mlp", "tiny"), builders.names());
        ModelBuilder tiny = builders.get("tiny");
        assertEquals("com.example.tiny.TinyBuilder", tiny.getClass().getName());
        assertEquals(Set.of("width"), tiny.hyperparameters());
        assertTrue(tiny.build(ModelInput.features(4, 3), Map.of("width", 8)) instanceof Block);
        assertTrue(builders.describe().contains("tiny (com.example.tiny.TinyBuilder)"), builders.describe());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.tiny.TinyBuilder"),
                "not on the test class path");
    }

    @Test
    void aJarWhoseBuilderTakesABuiltInNameStopsTheRunnerNamingBothClasses() throws Exception {
        jar(dir.resolve("other-mlp.jar"), "com.example.other.OtherMlp", "mlp");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ModelBuilders.discover(Optional.of(dir)));

        assertTrue(error.getMessage().contains("dev.hpo.runner.model.MlpBuilder"), error.getMessage());
        assertTrue(error.getMessage().contains("com.example.other.OtherMlp"), error.getMessage());
    }

    @Test
    void aMissingBuilderDirectoryFailsNamingTheSetting() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ModelBuilders.discover(Optional.of(dir.resolve("nowhere"))));

        assertTrue(error.getMessage().contains("hpo.runner.model-builders-dir"), error.getMessage());
    }

    /** A builder that only has a name, for the registry's checks. */
    static final class Named implements ModelBuilder {

        private final String name;
        private final Set<String> hyperparameters;

        Named(String name, Set<String> hyperparameters) {
            this.name = name;
            this.hyperparameters = hyperparameters;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> hyperparameters() {
            return hyperparameters;
        }

        @Override
        public Block build(ModelInput input, Map<String, Object> values) {
            return Linear.builder().setUnits(input.classes()).build();
        }
    }

    /**
     * Compiles a builder that exists nowhere else and packs it with its service file into {@code jar}, as a user's
     * build would.
     */
    private void jar(Path jar, String className, String builderName) throws IOException, URISyntaxException {
        String packageName = className.substring(0, className.lastIndexOf('.'));
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        Path sources = Files.createDirectories(dir.resolve("src-" + simpleName));
        Path classes = Files.createDirectories(dir.resolve("classes-" + simpleName));
        Path source = sources.resolve(simpleName + ".java");
        Files.writeString(source, """
                package %s;

                import java.util.Map;
                import java.util.Set;

                import ai.djl.nn.Block;
                import ai.djl.nn.Blocks;
                import ai.djl.nn.SequentialBlock;
                import ai.djl.nn.core.Linear;
                import dev.hpo.runner.model.HyperparameterReader;
                import dev.hpo.runner.model.ModelBuilder;
                import dev.hpo.runner.model.ModelInput;

                public class %s implements ModelBuilder {
                    public String name() {
                        return "%s";
                    }

                    public Set<String> hyperparameters() {
                        return Set.of("width");
                    }

                    public Block build(ModelInput input, Map<String, Object> values) {
                        int width = new HyperparameterReader(values).wholeNumber("width", 16, 1, 4096);
                        return new SequentialBlock().add(Blocks.batchFlattenBlock(input.features()))
                                .add(Linear.builder().setUnits(width).build())
                                .add(Linear.builder().setUnits(input.classes()).build());
                    }
                }
                """.formatted(packageName, simpleName, builderName));
        String classPath = location(ModelBuilder.class) + java.io.File.pathSeparator + location(Block.class);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp", classPath, source.toString());
        assertEquals(0, status, "compiling the test builder");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + ModelBuilder.class.getName()));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}

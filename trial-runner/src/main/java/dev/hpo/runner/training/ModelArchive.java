package dev.hpo.runner.training;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.djl.Model;

/**
 * A trained model to take away, as study-service's {@code best-model} download hands it out: a zip with DJL's
 * parameter file {@code <builder>-<epoch>.params}, which {@code Model.load(directory, builder)} reads into the
 * builder's block, and {@code hpo.json}, which says how to rebuild that block ({@code builder},
 * {@code modelHyperparameters} for its {@code build}, {@code inputShape}, {@code classes}), what the trial searched
 * ({@code hyperparameters}, training ones included) and how the model scored ({@code metrics}) (KerasTuner's {@code get_best_models} and
 * {@code get_best_hyperparameters} in one file).
 */
public final class ModelArchive {

    public static final String METADATA = "hpo.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArchive() {
    }

    /** The file name DJL gives the parameters of model {@code name} after {@code epoch}. */
    public static String parametersFile(String name, int epoch) {
        return String.format(Locale.ROOT, "%s-%04d.params", name, epoch);
    }

    /**
     * DJL's parameter file of {@code model} after {@code epoch}, as {@code Model.save} writes it (a header with the
     * model's name and epoch, then the block's parameters).
     */
    public static byte[] djlParameters(Model model, int epoch) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("hpo-model-");
            model.setProperty("Epoch", String.valueOf(epoch));
            model.save(directory, model.getName());
            return Files.readAllBytes(directory.resolve(parametersFile(model.getName(), epoch)));
        } catch (IOException e) {
            throw new UncheckedIOException("saving the model's parameters failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(directory);
        }
    }

    /** Writes the zip: the parameter file of {@code builder} after {@code epoch}, and {@code metadata} as JSON. */
    public static void write(OutputStream out, String builder, int epoch, byte[] parameters,
            Map<String, Object> metadata) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(parametersFile(builder, epoch)));
        zip.write(parameters);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(METADATA));
        zip.write(JSON.writeValueAsBytes(metadata));
        zip.closeEntry();
        zip.finish();
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.data.IdxFiles;

/** Trials of each built-in builder on each kind of dataset, through the service as a request arrives. */
class DatasetsAndBuildersTest {

    @TempDir
    static Path dir;

    private static Path csv;
    private static Path mnist;
    private final List<TrialEvent> events = new ArrayList<>();

    @BeforeAll
    static void data() throws IOException {
        RealFashionMnist.configureEngine();
        csv = threeSeparableClasses(dir.resolve("blobs.csv"), 600);
        mnist = IdxFiles.mnist(Files.createDirectories(dir.resolve("mnist")), 64, 16);
    }

    @Test
    void theMlpLearnsALinearlySeparableCsvToHighAccuracyInAFewEpochs() {
        service().run(request("mlp", Map.of("learning_rate", 0.01, "batch_size", 32, "units", 32),
                new DatasetSpec("csv", null, csv.toString(), "species", null, null), 4));

        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "EpochCompleted", "EpochCompleted",
                "Checkpointed", "Completed"), types());
        double accuracy = assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(4)).metrics()
                .get("val_accuracy");
        assertTrue(accuracy >= 0.95, "val_accuracy after 4 epochs: " + accuracy);
    }

    @Test
    void theCnnTrainsOnMnistImages() {
        service().run(request("cnn", Map.of("filters", 4, "units", 8), new DatasetSpec("mnist", null), 1));

        assertEquals(List.of("Started", "EpochCompleted", "Checkpointed", "Completed"), types());
    }

    @Test
    void theCnnOnACsvFailsBeforeStartingSayingWhy() {
        service().run(request("cnn", Map.of(), new DatasetSpec("csv", null, csv.toString(), "species", null,
                null), 1));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().startsWith("the cnn builder needs image samples"), reason());
    }

    @Test
    void aBadCnnValueFailsBeforeStartingNamingIt() {
        service().run(request("cnn", Map.of("kernel_size", 4), DatasetSpec.FASHION_MNIST, 1));

        assertEquals(List.of("Failed"), types());
        assertEquals("kernel_size must be one of [3, 5], was 4", reason());
    }

    @Test
    void aCheckpointOfOneBuilderDoesNotResumeAnother() {
        service().run(request("cnn", Map.of("filters", 2, "units", 4), new DatasetSpec("mnist", null), 1));
        String checkpoint = assertInstanceOf(TrialEvent.Checkpointed.class, events.get(2)).checkpoint();
        events.clear();

        service().run(new TrialRequest("t-1", 1, "s-1", Map.of(), ModelSpec.MLP, new DatasetSpec("mnist", null), 1,
                2, checkpoint, 3L));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().endsWith("was trained by model builder 'cnn', the request asks for 'mlp'"), reason());
    }

    private TrialService service() {
        return new TrialService(new DatasetCatalog(RealFashionMnist.DIRECTORY, mnist), TestParams.BUILDERS,
                new ModelTrainer(), new FileCheckpointStore(dir.resolve("checkpoints")), new StopRequests(),
                events::add, new Heartbeats(events::add, "runner-test", Duration.ofHours(1)), "runner-test",
                OptionalInt.empty());
    }

    private static TrialRequest request(String builder, Map<String, Object> params, DatasetSpec dataset,
            int epochs) {
        return new TrialRequest("t-1", 1, "s-1", params, new ModelSpec(builder), dataset, 0, epochs, null, 3L);
    }

    /** Three clouds of points, well apart: a linear classifier separates them. Labels are names. */
    private static Path threeSeparableClasses(Path file, int rows) throws IOException {
        String[] names = {"setosa", "versicolor", "virginica"};
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        Random random = new Random(11);
        StringBuilder text = new StringBuilder("petal_length,petal_width,species\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            text.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", centres[c][0] + random.nextGaussian() * 0.6,
                    centres[c][1] + random.nextGaussian() * 0.6, names[c]));
        }
        return Files.writeString(file, text);
    }

    private List<String> types() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private String reason() {
        return assertInstanceOf(TrialEvent.Failed.class, events.get(events.size() - 1)).reason();
    }
}

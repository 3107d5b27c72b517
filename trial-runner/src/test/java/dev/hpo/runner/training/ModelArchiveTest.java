package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.model.ModelBuilder;
import dev.hpo.runner.model.ModelInput;

/**
 * A trial that finishes its target leaves a model archive beside its checkpoint, and a user can load it with DJL's
 * {@code Model.load} into the block the archive's {@code hpo.json} describes: the parameters are the trained ones.
 */
class ModelArchiveTest {

    @TempDir
    Path checkpointDir;

    @TempDir
    Path unpacked;

    @Test
    void theArchiveLoadsWithDjlIntoTheBuildersBlockWithTheTrainedParameters() throws Exception {
        RealFashionMnist.load();
        List<TrialEvent> events = new ArrayList<>();
        FileCheckpointStore store = new FileCheckpointStore(checkpointDir);
        TrialService service = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                store, new StopRequests(), events::add, new Heartbeats(events::add, "runner-test", Duration.ofHours(1)),
                "runner-test", OptionalInt.of(300));

        service.run(new TrialRequest("t-9", 1, "s-9", Map.of("units", 48, "layers", 2, "learning_rate", 0.01), null,
                DatasetSpec.FASHION_MNIST, 0, 2, null, 5L));

        String checkpoint = events.stream().filter(TrialEvent.Checkpointed.class::isInstance)
                .map(e -> ((TrialEvent.Checkpointed) e).checkpoint()).findFirst().orElseThrow();
        try (InputStream zip = store.open(CheckpointReferences.modelArchive(checkpoint))) {
            unzip(zip);
        }
        JsonNode metadata = new ObjectMapper().readTree(unpacked.resolve(ModelArchive.METADATA).toFile());
        assertEquals("mlp", metadata.path("builder").asText());
        assertEquals(2, metadata.path("epoch").asInt());
        assertEquals(48, metadata.path("hyperparameters").path("units").asInt());
        assertTrue(metadata.path("metrics").path("val_accuracy").asDouble() > 0.1, metadata.toString());
        assertTrue(Files.isRegularFile(unpacked.resolve(metadata.path("parameters").asText())));

        TrainingCheckpoint trained;
        try (InputStream in = store.open(checkpoint)) {
            trained = CheckpointFormat.read(in.readAllBytes());
        }
        ModelBuilder builder = TestParams.BUILDERS.get(metadata.path("builder").asText());
        long[] shape = new ObjectMapper().convertValue(metadata.path("inputShape"), long[].class);
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(metadata.path("modelHyperparameters"),
                Map.class);
        try (Model model = Model.newInstance(metadata.path("builder").asText())) {
            model.setBlock(builder.build(new ModelInput(new Shape(shape), metadata.path("classes").asInt()),
                    hyperparameters));
            model.load(unpacked, metadata.path("builder").asText());

            assertEquals(trained.parameters().keySet().size(), model.getBlock().getParameters().size());
            for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
                assertEquals(trained.parameters().get(parameter.getKey()), FloatTensor.of(parameter.getValue()
                        .getArray()), parameter.getKey());
            }
        }
    }

    private void unzip(InputStream in) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Files.copy(zip, unpacked.resolve(entry.getName()));
            }
        }
    }
}

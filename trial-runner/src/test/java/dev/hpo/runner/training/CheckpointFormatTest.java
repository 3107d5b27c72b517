package dev.hpo.runner.training;

import static dev.hpo.runner.training.TestParams.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The file format without the engine: hand-made tensors, including values that only survive a bit-exact copy. */
class CheckpointFormatTest {

    private static final FloatTensor WEIGHT = new FloatTensor(new long[] {2, 3},
            new float[] {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f, -7.25f});
    private static final FloatTensor BIAS = new FloatTensor(new long[] {2}, new float[] {0.1f, -0.2f});

    @Test
    void readsBackExactlyWhatWasWritten() throws IOException {
        TrainingCheckpoint written = checkpoint();

        TrainingCheckpoint read = CheckpointFormat.read(bytes(written));

        assertEquals(written, read);
        assertEquals(Float.floatToRawIntBits(-0f),
                Float.floatToRawIntBits(read.parameters().get("01Linear_weight").values()[1]), "sign of zero kept");
        assertEquals(3, read.epoch());
        assertEquals(5, read.optimizer().parameters().get("01Linear_bias").step());
    }

    @Test
    void keepsEveryHyperparameterAndTheOptimiserSlots() throws IOException {
        TrainingHyperparameters hyperparameters = TrainingHyperparameters.from(params("optimizer", "sgd",
                "momentum", 0.9, "nesterov", true, "lr_schedule", "step", "lr_boundaries", List.of(2, 5),
                "lr_values", List.of(0.1, 0.01, 0.001), "layers", 2, "units_2", 7, "activation", "gelu",
                "dropout", 0.3, "l2", 1e-4, "weight_decay", 1e-5));
        Map<String, ResumableOptimizer.ParameterState> states = new LinkedHashMap<>();
        states.put("01Linear_weight", new ResumableOptimizer.ParameterState(9, Map.of("momentum", WEIGHT)));
        TrainingCheckpoint written = new TrainingCheckpoint(3, 0, 42L, 2000, hyperparameters,
                new ResumableOptimizer.State("sgd", states), Map.of("01Linear_weight", WEIGHT));

        TrainingCheckpoint read = CheckpointFormat.read(bytes(written));

        assertEquals(written, read);
        assertEquals(hyperparameters, read.hyperparameters());
    }

    @Test
    void refusesOptimiserStateOfAnotherAlgorithmThanTheHyperparametersName() throws IOException {
        TrainingCheckpoint mismatched = new TrainingCheckpoint(3, 0, 42L, 2000, TrainingHyperparameters.DEFAULTS,
                new ResumableOptimizer.State("sgd", Map.of()), Map.of("01Linear_weight", WEIGHT));

        IOException error = assertThrows(IOException.class, () -> CheckpointFormat.read(bytes(mismatched)));

        assertEquals("checkpoint is inconsistent: optimiser state of sgd for optimizer adam", error.getMessage());
    }

    @Test
    void refusesAFileThatIsNotACheckpoint() {
        IOException error = assertThrows(IOException.class,
                () -> CheckpointFormat.read("{\"not\": \"a checkpoint\"}".getBytes()));

        assertTrue(error.getMessage().startsWith("not a checkpoint"), error.getMessage());
    }

    @Test
    void refusesATruncatedCheckpoint() throws IOException {
        byte[] whole = bytes(checkpoint());

        IOException error = assertThrows(IOException.class,
                () -> CheckpointFormat.read(Arrays.copyOf(whole, whole.length - 20)));

        assertTrue(error.getMessage().contains("damaged or truncated"), error.getMessage());
    }

    @Test
    void refusesACheckpointWithAFlippedBit() throws IOException {
        byte[] damaged = bytes(checkpoint());
        damaged[damaged.length / 2] ^= 0x10;

        IOException error = assertThrows(IOException.class, () -> CheckpointFormat.read(damaged));

        assertTrue(error.getMessage().contains("checksum mismatch"), error.getMessage());
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        byte[] future = bytes(checkpoint());
        future[7] = 3;

        IOException error = assertThrows(IOException.class, () -> CheckpointFormat.read(future));

        assertTrue(error.getMessage().contains("format version 3 is not supported"), error.getMessage());
    }

    private static TrainingCheckpoint checkpoint() {
        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        parameters.put("01Linear_weight", WEIGHT);
        parameters.put("01Linear_bias", BIAS);
        Map<String, ResumableOptimizer.ParameterState> states = new LinkedHashMap<>();
        states.put("01Linear_weight", new ResumableOptimizer.ParameterState(5, slots(WEIGHT)));
        states.put("01Linear_bias", new ResumableOptimizer.ParameterState(5, slots(BIAS)));
        return new TrainingCheckpoint(3, 0, 42L, 2000, TrainingHyperparameters.from(Map.of("units", 2,
                "batch_size", 64)), new ResumableOptimizer.State("adam", states), parameters);
    }

    private static Map<String, FloatTensor> slots(FloatTensor tensor) {
        Map<String, FloatTensor> slots = new LinkedHashMap<>();
        slots.put("m", tensor);
        slots.put("v", tensor);
        return slots;
    }

    private static byte[] bytes(TrainingCheckpoint checkpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFormat.write(checkpoint, out);
        return out.toByteArray();
    }
}

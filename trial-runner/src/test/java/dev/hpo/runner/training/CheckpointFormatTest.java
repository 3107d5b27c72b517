package dev.hpo.runner.training;

import static dev.hpo.runner.training.TestParams.cnn;
import static dev.hpo.runner.training.TestParams.mlp;
import static dev.hpo.runner.training.TestParams.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

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
        TrialHyperparameters hyperparameters = mlp(params("optimizer", "sgd",
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
        TrainingCheckpoint mismatched = new TrainingCheckpoint(3, 0, 42L, 2000, mlp(Map.of()),
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
        future[7] = 4;

        IOException error = assertThrows(IOException.class, () -> CheckpointFormat.read(future));

        assertEquals("checkpoint format version 4 is not supported; this runner reads 2 and 3", error.getMessage());
    }

    @Test
    void keepsTheModelBuilderAndItsValues() throws IOException {
        TrialHyperparameters hyperparameters = cnn(params("conv_layers", 1, "kernel_size", 5, "dropout", 0.5,
                "optimizer", "rmsprop"));
        TrainingCheckpoint written = new TrainingCheckpoint(1, 0, 7L, 100, hyperparameters,
                new ResumableOptimizer.State("rmsprop", Map.of()), Map.of("01Conv2d_weight", WEIGHT));

        TrainingCheckpoint read = CheckpointFormat.read(bytes(written));

        assertEquals("cnn", read.hyperparameters().builder());
        assertEquals(hyperparameters, read.hyperparameters());
    }

    @Test
    void aVersionTwoCheckpointWrittenBeforeBuildersHadNamesReadsAsMlp() throws IOException {
        TrainingCheckpoint written = checkpoint();

        TrainingCheckpoint read = CheckpointFormat.read(versionTwo(bytes(written)));

        assertEquals("mlp", read.hyperparameters().builder());
        assertEquals(written, read);
    }

    /**
     * The bytes a version 2 runner wrote for the same checkpoint: no builder name after the header, and its
     * hyperparameters were the MLP's values with the training ones, as they are here.
     */
    private static byte[] versionTwo(byte[] versionThree) {
        int header = 4 + 4 + 4 + 8 + 8 + 4;
        int builderBytes = 2 + ByteBuffer.wrap(versionThree, header, 2).getShort();
        int body = versionThree.length - Long.BYTES - builderBytes;
        ByteBuffer old = ByteBuffer.allocate(body + Long.BYTES);
        old.put(versionThree, 0, header);
        old.put(versionThree, header + builderBytes, body - header);
        old.putInt(4, 2);
        CRC32 crc = new CRC32();
        crc.update(old.array(), 0, body);
        old.putLong(body, crc.getValue());
        return old.array();
    }

    private static TrainingCheckpoint checkpoint() {
        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        parameters.put("01Linear_weight", WEIGHT);
        parameters.put("01Linear_bias", BIAS);
        Map<String, ResumableOptimizer.ParameterState> states = new LinkedHashMap<>();
        states.put("01Linear_weight", new ResumableOptimizer.ParameterState(5, slots(WEIGHT)));
        states.put("01Linear_bias", new ResumableOptimizer.ParameterState(5, slots(BIAS)));
        return new TrainingCheckpoint(3, 0, 42L, 2000, mlp(Map.of("units", 2, "batch_size", 64)),
                new ResumableOptimizer.State("adam", states), parameters);
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

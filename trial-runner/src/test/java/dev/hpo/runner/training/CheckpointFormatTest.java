package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
        assertEquals(5, read.optimizer().moments().get("01Linear_bias").step());
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
        future[7] = 2;

        IOException error = assertThrows(IOException.class, () -> CheckpointFormat.read(future));

        assertTrue(error.getMessage().contains("format version 2 is not supported"), error.getMessage());
    }

    private static TrainingCheckpoint checkpoint() {
        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        parameters.put("01Linear_weight", WEIGHT);
        parameters.put("01Linear_bias", BIAS);
        Map<String, ResumableAdam.Moments> moments = new LinkedHashMap<>();
        moments.put("01Linear_weight", new ResumableAdam.Moments(5, WEIGHT, WEIGHT));
        moments.put("01Linear_bias", new ResumableAdam.Moments(5, BIAS, BIAS));
        return new TrainingCheckpoint(3, 0, 42L, 2000, new MlpHyperparameters(2, 1e-3, 64),
                new ResumableAdam.State(0.9f, 0.999f, 1e-8f, moments), parameters);
    }

    private static byte[] bytes(TrainingCheckpoint checkpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFormat.write(checkpoint, out);
        return out.toByteArray();
    }
}

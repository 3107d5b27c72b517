package dev.hpo.runner.training;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The bytes of a {@link TrainingCheckpoint}: a small header, the parameters and Adam's moments as raw float32, and
 * a CRC-32 of everything before it, so a truncated or damaged file is refused instead of half-loaded.
 * <p>
 * Layout, big-endian ({@link DataOutputStream}):
 * <pre>
 * int    magic 0x48504F43 ("HPOC"), int format version (1)
 * int    epoch, long samplesIntoNextEpoch, long seed, int trainSamples
 * int    units, double learningRate, int batchSize
 * UTF    optimiser ("adam"), float beta1, float beta2, float epsilon
 * int    parameter count, then per parameter: UTF name, tensor
 * int    moment count, then per parameter: UTF name, int step, tensor m, tensor v
 * long   CRC-32 of all bytes above
 * tensor = int rank, long[rank] dimensions, float[product] values
 * </pre>
 */
public final class CheckpointFormat {

    public static final int MAGIC = 0x48504F43;
    public static final int VERSION = 1;

    private static final int MAX_RANK = 8;
    private static final int TRAILER_BYTES = Long.BYTES;

    private CheckpointFormat() {
    }

    public static void write(TrainingCheckpoint checkpoint, OutputStream out) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
        DataOutputStream data = new DataOutputStream(checked);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(checkpoint.epoch());
        data.writeLong(checkpoint.samplesIntoNextEpoch());
        data.writeLong(checkpoint.seed());
        data.writeInt(checkpoint.trainSamples());
        MlpHyperparameters hyperparameters = checkpoint.hyperparameters();
        data.writeInt(hyperparameters.units());
        data.writeDouble(hyperparameters.learningRate());
        data.writeInt(hyperparameters.batchSize());
        ResumableAdam.State optimizer = checkpoint.optimizer();
        data.writeUTF(ResumableAdam.ALGORITHM);
        data.writeFloat(optimizer.beta1());
        data.writeFloat(optimizer.beta2());
        data.writeFloat(optimizer.epsilon());
        data.writeInt(checkpoint.parameters().size());
        for (Map.Entry<String, FloatTensor> parameter : checkpoint.parameters().entrySet()) {
            data.writeUTF(parameter.getKey());
            writeTensor(data, parameter.getValue());
        }
        data.writeInt(optimizer.moments().size());
        for (Map.Entry<String, ResumableAdam.Moments> moments : optimizer.moments().entrySet()) {
            data.writeUTF(moments.getKey());
            data.writeInt(moments.getValue().step());
            writeTensor(data, moments.getValue().mean());
            writeTensor(data, moments.getValue().variance());
        }
        data.flush();
        long crc = checked.getChecksum().getValue();
        new DataOutputStream(out).writeLong(crc);
        out.flush();
    }

    /** @throws IOException naming what is wrong when the bytes are not an intact checkpoint of this version */
    public static TrainingCheckpoint read(byte[] bytes) throws IOException {
        if (bytes.length < 2 * Integer.BYTES + TRAILER_BYTES) {
            throw new IOException("not a checkpoint: only " + bytes.length + " bytes");
        }
        int body = bytes.length - TRAILER_BYTES;
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes, 0, body));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a checkpoint: the file does not start with the checkpoint magic number");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("checkpoint format version " + version + " is not supported; this runner reads "
                    + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        if (crc.getValue() != ByteBuffer.wrap(bytes, body, TRAILER_BYTES).getLong()) {
            throw new IOException("checkpoint is damaged or truncated: checksum mismatch");
        }
        try {
            return readBody(data);
        } catch (EOFException e) {
            throw new IOException("checkpoint is truncated", e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException("checkpoint is inconsistent: " + e.getMessage(), e);
        }
    }

    private static TrainingCheckpoint readBody(DataInputStream data) throws IOException {
        int epoch = data.readInt();
        long samplesIntoNextEpoch = data.readLong();
        long seed = data.readLong();
        int trainSamples = data.readInt();
        MlpHyperparameters hyperparameters = new MlpHyperparameters(data.readInt(), data.readDouble(),
                data.readInt());
        String algorithm = data.readUTF();
        if (!ResumableAdam.ALGORITHM.equals(algorithm)) {
            throw new IOException("checkpoint holds optimiser '" + algorithm + "', this runner resumes only "
                    + ResumableAdam.ALGORITHM);
        }
        float beta1 = data.readFloat();
        float beta2 = data.readFloat();
        float epsilon = data.readFloat();
        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        int parameterCount = count(data, "parameter");
        for (int i = 0; i < parameterCount; i++) {
            parameters.put(data.readUTF(), readTensor(data));
        }
        Map<String, ResumableAdam.Moments> moments = new LinkedHashMap<>();
        int momentCount = count(data, "moment");
        for (int i = 0; i < momentCount; i++) {
            String name = data.readUTF();
            moments.put(name, new ResumableAdam.Moments(data.readInt(), readTensor(data), readTensor(data)));
        }
        if (data.available() > 0) {
            throw new IOException("checkpoint has " + data.available() + " unexpected bytes after its content");
        }
        return new TrainingCheckpoint(epoch, samplesIntoNextEpoch, seed, trainSamples, hyperparameters,
                new ResumableAdam.State(beta1, beta2, epsilon, moments), parameters);
    }

    private static void writeTensor(DataOutputStream data, FloatTensor tensor) throws IOException {
        data.writeInt(tensor.shape().length);
        for (long dimension : tensor.shape()) {
            data.writeLong(dimension);
        }
        ByteBuffer buffer = ByteBuffer.allocate(tensor.values().length * Float.BYTES);
        buffer.asFloatBuffer().put(tensor.values());
        data.write(buffer.array());
    }

    private static FloatTensor readTensor(DataInputStream data) throws IOException {
        int rank = data.readInt();
        if (rank < 0 || rank > MAX_RANK) {
            throw new IOException("checkpoint is inconsistent: tensor of rank " + rank);
        }
        long[] shape = new long[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = data.readLong();
            if (shape[i] < 0) {
                throw new IOException("checkpoint is inconsistent: negative dimension " + shape[i]);
            }
            size = Math.multiplyExact(size, shape[i]);
        }
        if (size * Float.BYTES > data.available()) {
            throw new IOException("checkpoint is truncated: a tensor of " + size + " values does not fit");
        }
        byte[] bytes = new byte[(int) size * Float.BYTES];
        data.readFully(bytes);
        float[] values = new float[(int) size];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return new FloatTensor(shape, values);
    }

    private static int count(DataInputStream data, String what) throws IOException {
        int count = data.readInt();
        if (count < 0 || count > data.available()) {
            throw new IOException("checkpoint is inconsistent: " + count + " " + what + "s");
        }
        return count;
    }
}

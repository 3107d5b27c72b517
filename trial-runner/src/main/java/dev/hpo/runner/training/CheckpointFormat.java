package dev.hpo.runner.training;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The bytes of a {@link TrainingCheckpoint}: a small header, the hyperparameters, the parameters and the optimiser
 * state as raw float32, and a CRC-32 of everything before it, so a truncated or damaged file is refused instead of
 * half-loaded.
 * <p>
 * Layout, big-endian ({@link DataOutputStream}):
 * <pre>
 * int    magic 0x48504F43 ("HPOC"), int format version (3)
 * int    epoch, long samplesIntoNextEpoch, long seed, int trainSamples
 * UTF    model builder name (version 3; a version 2 checkpoint has none and was trained by "mlp")
 * int    hyperparameter count, then per hyperparameter ({@link TrialHyperparameters#toParams()}): UTF name,
 *        byte type, value: 'D' double, 'I' int, 'Z' boolean, 'S' UTF string, 'L' int count + doubles
 * int    parameter count, then per parameter: UTF name, tensor
 * UTF    optimiser algorithm ("adam", "rmsprop", "sgd")
 * int    optimiser state count, then per parameter: UTF name, int step (updates so far), int slot count, then per
 *        slot: UTF slot name ("m", "v", "velocity", "momentum"), tensor
 * long   CRC-32 of all bytes above
 * tensor = int rank, long[rank] dimensions, float[product] values
 * </pre>
 */
public final class CheckpointFormat {

    public static final int MAGIC = 0x48504F43;
    public static final int VERSION = 3;
    /** Written before model builders had names: the same layout without the builder, which was {@code mlp}. */
    public static final int VERSION_WITHOUT_BUILDER = 2;
    private static final String BUILDER_OF_VERSION_2 = "mlp";

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
        data.writeUTF(checkpoint.hyperparameters().builder());
        writeHyperparameters(data, checkpoint.hyperparameters().toParams());
        data.writeInt(checkpoint.parameters().size());
        for (Map.Entry<String, FloatTensor> parameter : checkpoint.parameters().entrySet()) {
            data.writeUTF(parameter.getKey());
            writeTensor(data, parameter.getValue());
        }
        ResumableOptimizer.State optimizer = checkpoint.optimizer();
        data.writeUTF(optimizer.algorithm());
        data.writeInt(optimizer.parameters().size());
        for (Map.Entry<String, ResumableOptimizer.ParameterState> state : optimizer.parameters().entrySet()) {
            data.writeUTF(state.getKey());
            data.writeInt(state.getValue().step());
            data.writeInt(state.getValue().slots().size());
            for (Map.Entry<String, FloatTensor> slot : state.getValue().slots().entrySet()) {
                data.writeUTF(slot.getKey());
                writeTensor(data, slot.getValue());
            }
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
        if (version != VERSION && version != VERSION_WITHOUT_BUILDER) {
            throw new IOException("checkpoint format version " + version + " is not supported; this runner reads "
                    + VERSION_WITHOUT_BUILDER + " and " + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        if (crc.getValue() != ByteBuffer.wrap(bytes, body, TRAILER_BYTES).getLong()) {
            throw new IOException("checkpoint is damaged or truncated: checksum mismatch");
        }
        try {
            return readBody(data, version);
        } catch (EOFException e) {
            throw new IOException("checkpoint is truncated", e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException("checkpoint is inconsistent: " + e.getMessage(), e);
        }
    }

    private static TrainingCheckpoint readBody(DataInputStream data, int version) throws IOException {
        int epoch = data.readInt();
        long samplesIntoNextEpoch = data.readLong();
        long seed = data.readLong();
        int trainSamples = data.readInt();
        String builder = version == VERSION_WITHOUT_BUILDER ? BUILDER_OF_VERSION_2 : data.readUTF();
        TrialHyperparameters hyperparameters = TrialHyperparameters.fromParams(builder, readHyperparameters(data));
        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        int parameterCount = count(data, "parameter");
        for (int i = 0; i < parameterCount; i++) {
            parameters.put(data.readUTF(), readTensor(data));
        }
        String algorithm = data.readUTF();
        Map<String, ResumableOptimizer.ParameterState> states = new LinkedHashMap<>();
        int stateCount = count(data, "optimiser state");
        for (int i = 0; i < stateCount; i++) {
            String name = data.readUTF();
            int step = data.readInt();
            Map<String, FloatTensor> slots = new LinkedHashMap<>();
            int slotCount = count(data, "optimiser slot");
            for (int j = 0; j < slotCount; j++) {
                slots.put(data.readUTF(), readTensor(data));
            }
            states.put(name, new ResumableOptimizer.ParameterState(step, slots));
        }
        if (data.available() > 0) {
            throw new IOException("checkpoint has " + data.available() + " unexpected bytes after its content");
        }
        String optimizer = hyperparameters.training().optimizer().name();
        if (!algorithm.equals(optimizer)) {
            throw new IOException("checkpoint is inconsistent: optimiser state of " + algorithm + " for optimizer "
                    + optimizer);
        }
        return new TrainingCheckpoint(epoch, samplesIntoNextEpoch, seed, trainSamples, hyperparameters,
                new ResumableOptimizer.State(algorithm, states), parameters);
    }

    private static void writeHyperparameters(DataOutputStream data, Map<String, Object> params) throws IOException {
        data.writeInt(params.size());
        for (Map.Entry<String, Object> entry : params.entrySet()) {
            data.writeUTF(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Double number) {
                data.writeByte('D');
                data.writeDouble(number);
            } else if (value instanceof Integer number) {
                data.writeByte('I');
                data.writeInt(number);
            } else if (value instanceof Boolean bool) {
                data.writeByte('Z');
                data.writeBoolean(bool);
            } else if (value instanceof String text) {
                data.writeByte('S');
                data.writeUTF(text);
            } else if (value instanceof List<?> list) {
                data.writeByte('L');
                data.writeInt(list.size());
                for (Object item : list) {
                    data.writeDouble(((Number) item).doubleValue());
                }
            } else {
                throw new IllegalArgumentException("hyperparameter " + entry.getKey() + " has a value of type "
                        + value.getClass().getName() + ", which checkpoints cannot hold");
            }
        }
    }

    private static Map<String, Object> readHyperparameters(DataInputStream data) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        int count = count(data, "hyperparameter");
        for (int i = 0; i < count; i++) {
            String name = data.readUTF();
            byte type = data.readByte();
            params.put(name, switch (type) {
                case 'D' -> data.readDouble();
                case 'I' -> data.readInt();
                case 'Z' -> data.readBoolean();
                case 'S' -> data.readUTF();
                case 'L' -> {
                    int size = count(data, "list item");
                    List<Double> items = new ArrayList<>();
                    for (int j = 0; j < size; j++) {
                        items.add(data.readDouble());
                    }
                    yield items;
                }
                default -> throw new IOException("checkpoint is inconsistent: hyperparameter " + name
                        + " of unknown type " + type);
            });
        }
        return params;
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

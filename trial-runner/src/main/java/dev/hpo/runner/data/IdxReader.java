package dev.hpo.runner.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST family (big-endian header, then unsigned bytes), gzipped or plain.
 * Gzip is recognised by its magic bytes, not by the file name.
 */
public final class IdxReader {

    /** Unsigned bytes, three dimensions: count, rows, columns. */
    public static final int IMAGES_MAGIC = 2051;
    /** Unsigned bytes, one dimension: count. */
    public static final int LABELS_MAGIC = 2049;

    private static final int GZIP_MAGIC_FIRST_BYTE = 0x1f;
    private static final int GZIP_MAGIC_SECOND_BYTE = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;

    private IdxReader() {
    }

    public static IdxImages readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), IMAGES_MAGIC, "images");
            int count = positive(file, "image count", in.readInt(), true);
            int rows = positive(file, "rows", in.readInt(), false);
            int columns = positive(file, "columns", in.readInt(), false);
            long size = (long) count * rows * columns;
            if (size > Integer.MAX_VALUE) {
                throw new IdxFormatException(file, count + " images of " + rows + "x" + columns + " are too many");
            }
            byte[] pixels = readExactly(file, in, (int) size, count + " images of " + rows + "x" + columns);
            return new IdxImages(count, rows, columns, pixels);
        } catch (EOFException e) {
            throw new IdxFormatException(file, "ends inside its header");
        }
    }

    /** Labels as values 0 to 255. */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), LABELS_MAGIC, "labels");
            int count = positive(file, "label count", in.readInt(), true);
            byte[] raw = readExactly(file, in, count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = Byte.toUnsignedInt(raw[i]);
            }
            return labels;
        } catch (EOFException e) {
            throw new IdxFormatException(file, "ends inside its header");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        raw.mark(2);
        boolean gzipped = raw.read() == GZIP_MAGIC_FIRST_BYTE && raw.read() == GZIP_MAGIC_SECOND_BYTE;
        raw.reset();
        InputStream content = gzipped ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES)
                : raw;
        return new DataInputStream(content);
    }

    private static void expectMagic(Path file, int actual, int expected, String kind) throws IdxFormatException {
        if (actual != expected) {
            throw new IdxFormatException(file, "magic number " + actual + " is not " + expected + " (IDX " + kind
                    + "); is this the right file?");
        }
    }

    private static int positive(Path file, String what, int value, boolean zeroAllowed) throws IdxFormatException {
        if (value < 0 || (value == 0 && !zeroAllowed)) {
            throw new IdxFormatException(file, "header says " + what + " " + value);
        }
        return value;
    }

    private static byte[] readExactly(Path file, DataInputStream in, int size, String what) throws IOException {
        byte[] bytes = new byte[size];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IdxFormatException(file, "is truncated: the header announces " + what + " (" + size
                    + " bytes) but the data ends early");
        }
        return bytes;
    }
}

package dev.hpo.runner.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small synthetic IDX files for tests. */
public final class IdxFiles {

    private IdxFiles() {
    }

    /** Image {@code i} has every pixel set to {@code i % 256}. */
    public static Path images(Path file, int magic, int count, int rows, int columns, boolean gzip) throws IOException {
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(columns);
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < rows * columns; p++) {
                    out.writeByte(i % 256);
                }
            }
        }
        return file;
    }

    public static Path labels(Path file, int magic, int[] labels, boolean gzip) throws IOException {
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(magic);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        }
        return file;
    }

    /** Fashion-MNIST's four files, gzipped, with {@code train} and {@code test} images whose label is i % 10. */
    public static Path fashionMnist(Path directory, int train, int test) throws IOException {
        split(directory, "train", train);
        split(directory, "t10k", test);
        return directory;
    }

    /** MNIST's four files: the same names as Fashion-MNIST's, gzipped, labels i % 10. */
    public static Path mnist(Path directory, int train, int test) throws IOException {
        return fashionMnist(directory, train, test);
    }

    private static void split(Path directory, String prefix, int count) throws IOException {
        images(directory.resolve(prefix + "-images-idx3-ubyte.gz"), IdxReader.IMAGES_MAGIC, count, 28, 28, true);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        labels(directory.resolve(prefix + "-labels-idx1-ubyte.gz"), IdxReader.LABELS_MAGIC, labels, true);
    }

    private static DataOutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new DataOutputStream(gzip ? new GZIPOutputStream(out) : out);
    }
}

package dev.hpo.runner.training;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A float32 array copied out of the engine, with its shape: how a checkpoint holds parameters and optimiser moments.
 * Equality compares the values bit for bit ({@link Arrays#equals(float[], float[])}), so two tensors are equal
 * exactly when training would treat them the same.
 *
 * @param shape  dimensions, outermost first
 * @param values the elements in row-major order; not copied, so do not change them
 */
public record FloatTensor(long[] shape, float[] values) {

    public FloatTensor {
        long size = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= dimension;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, got " + values.length);
        }
    }

    /** Copies an engine array, which must be float32. */
    public static FloatTensor of(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected a float32 array, got " + array.getDataType());
        }
        return new FloatTensor(array.getShape().getShape(), array.toFloatArray());
    }

    public Shape djlShape() {
        return new Shape(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor tensor && Arrays.equals(shape, tensor.shape)
                && Arrays.equals(values, tensor.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}

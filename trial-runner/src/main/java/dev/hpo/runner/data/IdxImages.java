package dev.hpo.runner.data;

/**
 * The content of an IDX image file.
 *
 * @param count   number of images
 * @param rows    rows of each image
 * @param columns columns of each image
 * @param pixels  {@code count * rows * columns} unsigned bytes, image after image, row after row
 */
public record IdxImages(int count, int rows, int columns, byte[] pixels) {

    public int pixelsPerImage() {
        return rows * columns;
    }
}

package dev.hpo.runner.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that is not what its reader expects; the message names the file and what was wrong. */
public class IdxFormatException extends IOException {

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}

package dev.hpo.runner.model;

import java.nio.file.Path;

import dev.hpo.runner.training.DjlEnvironment;

/** DJL set up as the runner sets it up: offline, natives in the usual cache, one thread. */
final class TestEngine {

    private TestEngine() {
    }

    /** Call before the engine is first touched. */
    static void configure() {
        DjlEnvironment.configure(Path.of(System.getProperty("user.home"), ".djl.ai"), 1);
    }
}

package dev.hpo.runner.model;

import java.util.Set;

/** A request named a model builder this runner does not have. */
public class UnknownModelBuilderException extends IllegalArgumentException {

    public UnknownModelBuilderException(String name, Set<String> known) {
        super("unknown model builder '" + name + "'; this runner knows " + known + " (a builder of your own goes"
                + " in a jar in the runner's hpo.runner.model-builders-dir; see the trial-runner README)");
    }
}

package dev.hpo.runner.model;

import java.util.Set;

/** A request named a model builder this runner does not have. */
public class UnknownModelBuilderException extends IllegalArgumentException {

    public UnknownModelBuilderException(String name, Set<String> known) {
        super("unknown model builder '" + name + "'; this runner knows " + known + " (a builder of your own is a"
                + " jar on the runner's class path or in hpo.runner.model-builders-dir; see the trial-runner README)");
    }
}

package dev.hpo.runner.data;

import java.util.Set;

/** A request named a dataset this runner does not have. */
public class UnknownDatasetException extends IllegalArgumentException {

    public UnknownDatasetException(String name, Set<String> known) {
        super("unknown dataset '" + name + "'; this runner knows " + known);
    }
}

package dev.hpo.study.algorithm;

import java.util.HashMap;
import java.util.Map;

/**
 * A configuration compared as {@link Values#same} compares values: a trial stored with {@code units = 32L} or
 * {@code 32.0} (as a JSON round trip may return it) is the same configuration as one proposed with {@code 32}.
 */
record ConfigurationKey(Map<String, Object> values) {

    static ConfigurationKey of(Map<String, Object> config) {
        Map<String, Object> normalised = new HashMap<>();
        config.forEach((name, value) -> normalised.put(name,
                value instanceof Number number ? (Object) number.doubleValue() : value));
        return new ConfigurationKey(normalised);
    }
}

package dev.hpo.runner.training;

import java.util.LinkedHashMap;
import java.util.Map;

/** Trial parameters written inline, beyond {@code Map.of}'s ten pairs. */
final class TestParams {

    private TestParams() {
    }

    /** Alternating names and values. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}

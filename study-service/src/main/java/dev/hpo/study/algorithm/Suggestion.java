package dev.hpo.study.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a search algorithm wants done next. */
public sealed interface Suggestion {

    /** Start a new trial with these values and train it to {@code targetEpoch}. */
    record Run(Map<String, Object> params, int targetEpoch) implements Suggestion {

        public Run {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            if (targetEpoch < 1) {
                throw new IllegalArgumentException("targetEpoch must be >= 1, was " + targetEpoch);
            }
        }
    }

    /** Nothing to start until a running trial reports. */
    record Wait() implements Suggestion {
    }

    /** The budget is spent; the study is over once the running trials finish. */
    record Done() implements Suggestion {
    }
}

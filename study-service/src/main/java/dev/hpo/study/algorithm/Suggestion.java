package dev.hpo.study.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a search algorithm wants done next. */
public sealed interface Suggestion {

    /**
     * Start a new trial with these values and train it to {@code targetEpoch}.
     *
     * @param reason why these values, when the algorithm has more to say than its name; {@code null} otherwise
     */
    record Run(Map<String, Object> params, int targetEpoch, int bracket, String reason) implements Suggestion {

        public Run {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            if (targetEpoch < 1) {
                throw new IllegalArgumentException("targetEpoch must be >= 1, was " + targetEpoch);
            }
        }

        public Run(Map<String, Object> params, int targetEpoch, int bracket) {
            this(params, targetEpoch, bracket, null);
        }

        public Run(Map<String, Object> params, int targetEpoch) {
            this(params, targetEpoch, 0);
        }
    }

    /**
     * Promote a paused trial: continue it from its last checkpoint up to {@code targetEpoch}.
     *
     * @param reason why it was chosen, with the figures that decided it
     */
    record Resume(int trialNumber, int targetEpoch, String reason) implements Suggestion {

        public Resume {
            if (targetEpoch < 1) {
                throw new IllegalArgumentException("targetEpoch must be >= 1, was " + targetEpoch);
            }
        }
    }

    /**
     * A paused trial will not be resumed: it is finished. Does not use a runner, so the service asks again at once.
     *
     * @param reason why, with the figures that decided it
     */
    record Finish(int trialNumber, String reason) implements Suggestion {
    }

    /** Nothing to start until a running trial reports. */
    record Wait() implements Suggestion {
    }

    /** The budget is spent; the study is over once the active trials finish. */
    record Done() implements Suggestion {
    }
}

package dev.hpo.study.algorithm;

/** What a {@link StoppingRule} says about a trial that has just reported an epoch. */
public sealed interface StopDecision {

    /** True for {@link Stop}: lets callers branch without pattern matching. */
    default boolean stops() {
        return this instanceof Stop;
    }

    /** Train on. */
    record Continue() implements StopDecision {
    }

    /**
     * Stop the trial now.
     *
     * @param rule   which rule decided ({@code median}, {@code percentile}, {@code patience})
     * @param reason the figures compared, for the trial's history and the dashboard
     */
    record Stop(String rule, String reason) implements StopDecision {
    }
}

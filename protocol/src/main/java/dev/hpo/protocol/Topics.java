package dev.hpo.protocol;

/** Kafka topic names shared by every service. */
public final class Topics {

    public static final String STUDY_SUBMISSIONS = "hpo.study-submissions";
    public static final String TRIAL_REQUESTS = "hpo.trial-requests";
    public static final String TRIAL_EVENTS = "hpo.trial-events";
    public static final String TRIAL_CONTROL = "hpo.trial-control";
    public static final String STUDY_EVENTS = "hpo.study-events";
    public static final String STUDY_RESULTS = "hpo.study-results";

    /** Suffix of the dead-letter topic beside each consumed topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }
}

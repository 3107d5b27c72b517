package dev.hpo.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What became of a study submitted on {@link Topics#STUDY_SUBMISSIONS}, on {@link Topics#STUDY_RESULTS}, keyed
 * by the submitter's {@code submissionId}, so a pipeline learns the outcome without polling the REST API.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StudyResult.Accepted.class, name = "Accepted"),
        @JsonSubTypes.Type(value = StudyResult.Rejected.class, name = "Rejected"),
        @JsonSubTypes.Type(value = StudyResult.Completed.class, name = "Completed"),
        @JsonSubTypes.Type(value = StudyResult.Cancelled.class, name = "Cancelled")
})
public sealed interface StudyResult {

    String submissionId();

    /** The study was created (or had been, for a repeated submission). */
    record Accepted(String submissionId, String studyId) implements StudyResult {
    }

    /** The submission was not a valid study; {@code errors} name each bad field. */
    record Rejected(String submissionId, List<FieldProblem> errors) implements StudyResult {
    }

    /** One bad field of a rejected submission. */
    record FieldProblem(String field, String message) {
    }

    /**
     * The study finished.
     *
     * @param objective the best trial's best value of the study's objective metric
     * @param epochs    epochs trained in all
     */
    record Completed(String submissionId, String studyId, String metric, String bestTrialId,
            Map<String, Object> bestHyperparameters, Double objective, int trials, long epochs)
            implements StudyResult {
    }

    /** The study was cancelled before its budget was spent. */
    record Cancelled(String submissionId, String studyId, String reason) implements StudyResult {
    }
}

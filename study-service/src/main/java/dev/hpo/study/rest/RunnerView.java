package dev.hpo.study.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A runner as study-service has seen it through its events.
 *
 * @param alive           reported within the lease: it holds its trial
 * @param trialId         the trial it is training now, if any
 * @param epochsPerMinute epochs it reported over the last {@link RunnerResource#THROUGHPUT_WINDOW}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunnerView(String runnerId, boolean alive, Instant lastSeen, String trialId, String studyId,
        Integer trialNumber, double epochsPerMinute) {
}

package dev.hpo.study.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.study.Study;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.spec.StudySpecReader;

/**
 * Gives a trial whose runner is gone (lease expired, runner shut down) to another runner: a new attempt that
 * resumes from the trial's last checkpoint. Events of the old attempt that arrive late are then ignored. After
 * {@code maxAttempts} the trial fails, with every attempt's reason in its timeline.
 */
@ApplicationScoped
public class TrialRequeue {

    private final StudyServiceConfig config;

    public TrialRequeue(StudyServiceConfig config) {
        this.config = config;
    }

    /** @return true when the trial was requeued, false when it failed for good */
    public boolean requeue(Study study, Trial trial, String why, Changes changes) {
        if (trial.attempt >= config.maxAttempts()) {
            changes.move(trial, TrialStatus.FAILED, "attempt " + trial.attempt + " of " + config.maxAttempts()
                    + " lost: " + why + "; no attempts left");
            return false;
        }
        // runnerId and lastSeenAt stay: the runners page still shows who held the trial last
        trial.attempt++;
        String from = trial.checkpointEpoch == null ? "from the start" : "from epoch " + trial.checkpointEpoch;
        changes.move(trial, TrialStatus.QUEUED, why + "; attempt " + trial.attempt + " resumes " + from);
        changes.request(TrialScheduler.request(trial, StudySpecReader.readStored(study.spec).spec(), study.seed));
        return true;
    }
}

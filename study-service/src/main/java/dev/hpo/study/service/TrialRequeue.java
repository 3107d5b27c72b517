package dev.hpo.study.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.protocol.TrialControl;
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
        // The lost attempt is told to stop: a runner that is alive after all stops training it, and the runner that
        // inherits its partition (the request is not committed, so Kafka delivers it again) skips it instead of
        // training it again from the start, which nobody would read.
        if (trial.attempt >= config.maxAttempts()) {
            String reason = "attempt " + trial.attempt + " of " + config.maxAttempts() + " lost: " + why
                    + "; no attempts left";
            changes.control(new TrialControl.Stop(trial.id.toString(), trial.attempt, reason));
            changes.move(trial, TrialStatus.FAILED, reason);
            return false;
        }
        changes.control(new TrialControl.Stop(trial.id.toString(), trial.attempt,
                why + "; attempt " + (trial.attempt + 1) + " takes over"));
        // runnerId and lastSeenAt stay: the runners page still shows who held the trial last
        trial.attempt++;
        String from = trial.checkpointEpoch == null ? "from the start" : "from epoch " + trial.checkpointEpoch;
        changes.move(trial, TrialStatus.QUEUED, why + "; attempt " + trial.attempt + " resumes " + from);
        changes.request(TrialScheduler.request(trial, StudySpecReader.readStored(study.spec).spec(), study.seed));
        return true;
    }
}

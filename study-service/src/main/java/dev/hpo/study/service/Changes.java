package dev.hpo.study.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.TrialTransition;

/**
 * What one transaction decided: status changes to store with it, and messages to publish once it has committed.
 */
public final class Changes {

    private final List<TrialTransition> transitions = new ArrayList<>();
    private final List<TrialRequest> requests = new ArrayList<>();
    private final List<TrialControl> controls = new ArrayList<>();

    /** Changes the trial's status and records why. */
    public void move(Trial trial, TrialStatus to, String reason) {
        transitions.add(TrialTransition.of(trial, trial.status, to, reason));
        trial.status = to;
        trial.statusReason = reason;
        if (to.finished()) {
            trial.finishedAt = Instant.now();
        }
    }

    /** Records the status a new trial starts in. */
    public void created(Trial trial, String reason) {
        transitions.add(TrialTransition.of(trial, null, trial.status, reason));
    }

    public void request(TrialRequest request) {
        requests.add(request);
    }

    public void control(TrialControl control) {
        controls.add(control);
    }

    public List<TrialTransition> transitions() {
        return transitions;
    }

    public List<TrialRequest> requests() {
        return requests;
    }

    public List<TrialControl> controls() {
        return controls;
    }
}

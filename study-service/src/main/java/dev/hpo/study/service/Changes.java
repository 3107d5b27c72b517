package dev.hpo.study.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.StudyResult;
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
    private final List<StudyEvent> events = new ArrayList<>();
    private final List<StudyResult> results = new ArrayList<>();
    private final Consumer<Trial> onMove;

    public Changes() {
        this(trial -> {
        });
    }

    /** @param onMove told of every trial whose status this decision changes, once it has changed */
    public Changes(Consumer<Trial> onMove) {
        this.onMove = onMove;
    }

    /** Changes the trial's status and records why. */
    public void move(Trial trial, TrialStatus to, String reason) {
        transitions.add(TrialTransition.of(trial, trial.status, to, reason));
        event(StudyEvent.TRIAL_CHANGED, trial.studyId.toString(), trial.id.toString(), null);
        trial.status = to;
        trial.statusReason = reason;
        if (to.finished()) {
            trial.finishedAt = Instant.now();
        }
        onMove.accept(trial);
    }

    /** Records the status a new trial starts in. */
    public void created(Trial trial, String reason) {
        transitions.add(TrialTransition.of(trial, null, trial.status, reason));
        event(StudyEvent.TRIAL_CHANGED, trial.studyId.toString(), trial.id.toString(), null);
    }

    /** Something the dashboards showing this study should redraw. */
    public void event(String kind, String studyId, String trialId, Integer epoch) {
        events.add(new StudyEvent(kind, studyId, trialId, epoch, Instant.now()));
    }

    public List<StudyEvent> events() {
        return events;
    }

    /** An outcome for the submitter of a study that came from Kafka. */
    public void result(StudyResult result) {
        results.add(result);
    }

    public List<StudyResult> results() {
        return results;
    }

    public void request(TrialRequest request) {
        requests.add(request);
    }

    public void control(TrialControl control) {
        controls.add(control);
    }

    /** True when the transaction decided messages to publish. */
    public boolean hasMessages() {
        return !(requests.isEmpty() && controls.isEmpty() && events.isEmpty() && results.isEmpty());
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

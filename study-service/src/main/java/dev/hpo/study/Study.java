package dev.hpo.study;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A submitted study; {@link #spec} holds the validated spec as JSON, defaults and seed included. */
@Entity
@Table(name = "study")
public class Study {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public StudyStatus status;

    public String algorithm;

    @Column(name = "objective_metric")
    public String objectiveMetric;

    public String direction;

    @Column(name = "max_trials")
    public int maxTrials;

    public int parallelism;

    public int epochs;

    public long seed;

    public String spec;

    @Column(name = "best_trial_id")
    public UUID bestTrialId;

    @Column(name = "best_value")
    public Double bestValue;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The submitter's id when the study came from {@code hpo.study-submissions}; results go out under it. */
    @Column(name = "submission_id")
    public String submissionId;

    public boolean maximize() {
        return "maximize".equals(direction);
    }

    /** True when {@code candidate} beats {@code incumbent} in this study's direction. */
    public boolean isBetter(double candidate, Double incumbent) {
        return incumbent == null || (maximize() ? candidate > incumbent : candidate < incumbent);
    }
}

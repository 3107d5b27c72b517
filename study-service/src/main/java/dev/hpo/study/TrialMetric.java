package dev.hpo.study;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The metrics of one epoch of one attempt of a trial; {@link #metrics} holds them all as JSON. */
@Entity
@Table(name = "trial_metric")
public class TrialMetric {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trial_id")
    public UUID trialId;

    public int attempt;

    public int epoch;

    public String metrics;

    /** The study's objective metric at this epoch, or {@code null} when the runner did not report it. */
    public Double objective;

    public double seconds;

    @Column(name = "runner_id")
    public String runnerId;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}

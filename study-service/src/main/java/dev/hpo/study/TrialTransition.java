package dev.hpo.study;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One status change of a trial, with the reason and the figures behind it. */
@Entity
@Table(name = "trial_transition")
public class TrialTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trial_id")
    public UUID trialId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public TrialStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public TrialStatus to;

    public String reason;

    public Instant at;

    public static TrialTransition of(Trial trial, TrialStatus from, TrialStatus to, String reason) {
        TrialTransition t = new TrialTransition();
        t.trialId = trial.id;
        t.from = from;
        t.to = to;
        t.reason = reason;
        t.at = Instant.now();
        return t;
    }
}

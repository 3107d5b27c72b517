package dev.hpo.study;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.hpo.study.service.CheckpointRetention;

/** One configuration of a study, trained on a runner; {@link #params} holds the values as JSON. */
@Entity
@Table(name = "trial")
public class Trial {

    @Id
    public UUID id;

    @Column(name = "study_id")
    public UUID studyId;

    public int number;

    public String params;

    @Enumerated(EnumType.STRING)
    public TrialStatus status;

    public int attempt;

    /** The Hyperband bracket the trial was started in; 0 for algorithms without brackets. */
    public int bracket;

    @Column(name = "target_epoch")
    public int targetEpoch;

    @Column(name = "epochs_run")
    public int epochsRun;

    @Column(name = "runner_id")
    public String runnerId;

    @Column(name = "best_value")
    public Double bestValue;

    @Column(name = "best_epoch")
    public Integer bestEpoch;

    /** The latest checkpoint reference a runner reported, and the epoch it holds. */
    public String checkpoint;

    @Column(name = "checkpoint_epoch")
    public Integer checkpointEpoch;

    @Column(name = "status_reason")
    public String statusReason;

    /** What the checkpoint clean-up did once the trial finished; {@code null} until then. */
    @Column(name = "checkpoint_retention")
    @Enumerated(EnumType.STRING)
    public CheckpointRetention.Action checkpointRetention;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** When the trial's runner last reported anything; the lease runs from here. */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
}

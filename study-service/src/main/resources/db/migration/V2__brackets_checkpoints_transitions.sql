-- Multi-fidelity search: the Hyperband bracket a trial belongs to, and the checkpoint a promotion resumes from.
ALTER TABLE trial ADD COLUMN bracket integer NOT NULL DEFAULT 0;
ALTER TABLE trial ADD COLUMN checkpoint varchar(500);
ALTER TABLE trial ADD COLUMN checkpoint_epoch integer;

-- Every status change of a trial with its reason: the trial's timeline.
CREATE TABLE trial_transition (
    id          bigserial PRIMARY KEY,
    trial_id    uuid        NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
    from_status varchar(16),
    to_status   varchar(16) NOT NULL,
    reason      text        NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX trial_transition_trial ON trial_transition (trial_id, id);

CREATE TABLE study (
    id               uuid PRIMARY KEY,
    name             varchar(200)     NOT NULL,
    status           varchar(16)      NOT NULL,
    algorithm        varchar(32)      NOT NULL,
    objective_metric varchar(64)      NOT NULL,
    direction        varchar(8)       NOT NULL,
    max_trials       integer          NOT NULL,
    parallelism      integer          NOT NULL,
    epochs           integer          NOT NULL,
    seed             bigint           NOT NULL,
    spec             text             NOT NULL,
    best_trial_id    uuid,
    best_value       double precision,
    created_at       timestamptz      NOT NULL,
    completed_at     timestamptz
);

CREATE INDEX study_created_at ON study (created_at DESC);

CREATE TABLE trial (
    id            uuid PRIMARY KEY,
    study_id      uuid         NOT NULL REFERENCES study (id) ON DELETE CASCADE,
    number        integer      NOT NULL,
    params        text         NOT NULL,
    status        varchar(16)  NOT NULL,
    attempt       integer      NOT NULL,
    target_epoch  integer      NOT NULL,
    epochs_run    integer      NOT NULL DEFAULT 0,
    runner_id     varchar(200),
    best_value    double precision,
    best_epoch    integer,
    status_reason text,
    created_at    timestamptz  NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    CONSTRAINT trial_number_unique UNIQUE (study_id, number)
);

CREATE INDEX trial_study_status ON trial (study_id, status);

-- One row per reported epoch; the unique key makes a redelivered event a no-op.
CREATE TABLE trial_metric (
    id          bigserial PRIMARY KEY,
    trial_id    uuid             NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
    attempt     integer          NOT NULL,
    epoch       integer          NOT NULL,
    metrics     text             NOT NULL,
    objective   double precision,
    seconds     double precision NOT NULL,
    recorded_at timestamptz      NOT NULL,
    CONSTRAINT trial_metric_unique UNIQUE (trial_id, attempt, epoch)
);

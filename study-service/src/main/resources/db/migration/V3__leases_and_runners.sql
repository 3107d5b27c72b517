-- When a runner last reported on a trial: a trial whose runner stays silent past the lease is given to another.
ALTER TABLE trial ADD COLUMN last_seen_at timestamptz;
CREATE INDEX trial_running_last_seen ON trial (status, last_seen_at);

-- Which runner trained each epoch: runner throughput for the dashboard.
ALTER TABLE trial_metric ADD COLUMN runner_id varchar(200);
CREATE INDEX trial_metric_recorded_at ON trial_metric (recorded_at);

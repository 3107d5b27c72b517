-- What the checkpoint clean-up did with a finished trial's checkpoints: NULL (nothing yet), KEEP_FINAL (only the
-- final checkpoint and its model archive remain) or DELETE_ALL (none remain).
ALTER TABLE trial ADD COLUMN checkpoint_retention varchar(16);
CREATE INDEX trial_checkpoints_to_clean ON trial (study_id)
    WHERE checkpoint_retention IS NULL AND status IN ('COMPLETED', 'PRUNED', 'FAILED');

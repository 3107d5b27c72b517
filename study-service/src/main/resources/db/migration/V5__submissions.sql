-- Studies submitted on Kafka carry the submitter's id; the same id twice creates one study.
ALTER TABLE study ADD COLUMN submission_id varchar(200);
CREATE UNIQUE INDEX study_submission_id ON study (submission_id) WHERE submission_id IS NOT NULL;

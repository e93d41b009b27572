-- D1: this hospital's own report of the study, sent with the request for the center's expert to
-- review (JSON: findings, impression, author), and whether the center has it.
ALTER TABLE outbox_requests ADD COLUMN local_report VARCHAR(1000000) DEFAULT '' NOT NULL;
ALTER TABLE outbox_requests ADD COLUMN local_report_sent BOOLEAN DEFAULT FALSE NOT NULL;

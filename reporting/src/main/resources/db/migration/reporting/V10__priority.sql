-- A report's priority (P6, P12): emergency, inpatient or outpatient, which sets its turnaround
-- deadline from when it was started; open emergencies head the worklist.
ALTER TABLE reports ADD COLUMN priority VARCHAR(16) DEFAULT 'OUTPATIENT' NOT NULL;

CREATE INDEX reports_open_priority ON reports (priority, status, created_ms);

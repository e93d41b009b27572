-- D1, "review the local report": the requesting hospital's own draft report, sent with the
-- request (JSON: findings, impression, author); the center makes it the assigned expert's draft,
-- which the expert reviews, corrects and signs like any report.
ALTER TABLE requests ADD COLUMN local_report TEXT NOT NULL DEFAULT '';

-- The study list asks for a page of the newest studies. This index hands them out in the list's
-- order (study date, newest first, studies without a date last; then time; then UID so that the
-- order is stable), so a page costs its own rows instead of a sort of every matching study. It
-- also serves date ranges, which is why the plain date index goes.
CREATE INDEX study_newest ON study (study_date DESC NULLS LAST, study_time DESC, study_uid);
DROP INDEX study_by_date;

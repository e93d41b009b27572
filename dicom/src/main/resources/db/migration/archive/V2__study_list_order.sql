-- The study list asks for a page of the newest studies. This index hands them out in the list's
-- order (study date, newest first, studies without a date last; then time; then UID so that the
-- order is stable), so a page costs its own rows instead of a sort of every matching study. It
-- also serves date ranges, which is why the plain date index goes.
CREATE INDEX study_newest ON study (study_date DESC NULLS LAST, study_time DESC, study_uid);
DROP INDEX study_by_date;

-- The modality filter asks for the studies with a series of a modality: with the study in the
-- index, those come from the index alone instead of a series row per match (at 1,000,000 images
-- a DX page went from 90 to 25 ms, its count from 82 to 21 ms).
DROP INDEX series_by_modality;
CREATE INDEX series_by_modality ON series (modality, study_uid);

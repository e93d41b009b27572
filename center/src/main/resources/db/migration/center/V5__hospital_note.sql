-- What the center asks of the requesting hospital (D7): the reason a request was returned, or the
-- extra images an expert asks for (追加摄片); empty when nothing is asked.
ALTER TABLE requests ADD COLUMN hospital_note TEXT NOT NULL DEFAULT '';

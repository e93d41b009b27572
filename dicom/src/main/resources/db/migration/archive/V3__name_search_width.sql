-- Room for the pinyin and initials forms of names written in Chinese characters (PinyinForms:
-- up to 64 spellings of each, a few kilobytes for a name of many polyphonic characters).
ALTER TABLE patient ALTER COLUMN name_search SET DATA TYPE VARCHAR(8192);

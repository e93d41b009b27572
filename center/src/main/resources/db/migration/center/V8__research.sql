-- The research API (X3, Q4): accounts of research platforms read de-identified data only. The
-- pseudonyms are keyed with a secret made once here, never sent out, so they cannot be reversed
-- or recomputed outside the center, and stay the same across calls.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('DOCTOR', 'EXPERT', 'COORDINATOR', 'ADMIN', 'RESEARCHER'));

CREATE TABLE center_secrets (
    name  VARCHAR(64)  PRIMARY KEY,
    value VARCHAR(200) NOT NULL
);
INSERT INTO center_secrets (name, value)
    VALUES ('research', md5(random()::text || clock_timestamp()::text) || md5(random()::text));

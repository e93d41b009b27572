-- Assignment (D3): which expert group reads which requests, and how a request is given to one of
-- its experts. Rules are tried by priority (lowest first); the first whose modality and body part
-- match (empty matches any) names the group and the strategy.
ALTER TABLE accounts ADD COLUMN expert_level INTEGER NOT NULL DEFAULT 1;

CREATE TABLE assignment_rules (
    id              BIGSERIAL    PRIMARY KEY,
    priority        INTEGER      NOT NULL,
    modality        VARCHAR(16)  NOT NULL DEFAULT '',
    body_part       VARCHAR(64)  NOT NULL DEFAULT '',
    expert_group    VARCHAR(64)  NOT NULL,
    -- LEAST_LOADED: the expert with the fewest open requests; ROUND_ROBIN: the next after the last given
    strategy        VARCHAR(16)  NOT NULL CHECK (strategy IN ('LEAST_LOADED', 'ROUND_ROBIN')),
    -- urgent requests go only to experts of at least this level
    urgent_level    INTEGER      NOT NULL DEFAULT 1,
    last_account_id BIGINT       REFERENCES accounts (id)
);

ALTER TABLE requests ADD COLUMN expert_group VARCHAR(64) NOT NULL DEFAULT '';
CREATE INDEX requests_by_group ON requests (expert_group, state);

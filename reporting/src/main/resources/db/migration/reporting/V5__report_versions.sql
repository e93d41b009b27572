-- Every save of a report is a version (P10): its text, fields, measurements (as shown), the
-- SHA-256 of each of its images, its status, who saved it, from which workstation and when.
-- Rows are only ever inserted; a signature covers one version, which therefore never changes.
CREATE TABLE report_versions (
    report_id         BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    version           INT NOT NULL,
    status            VARCHAR(16) NOT NULL,
    findings          VARCHAR(1000000) NOT NULL,
    impression        VARCHAR(1000000) NOT NULL,
    fields_json       VARCHAR(1000000) NOT NULL,
    measurements_text VARCHAR(1000000) NOT NULL,
    image_hashes      VARCHAR(100000) NOT NULL,
    saved_by          VARCHAR(200) NOT NULL,
    workstation       VARCHAR(200) NOT NULL,
    saved_ms          BIGINT NOT NULL,
    PRIMARY KEY (report_id, version)
);

-- reports saved before versions were kept: their current state is their first known version
INSERT INTO report_versions (report_id, version, status, findings, impression, fields_json, measurements_text,
                             image_hashes, saved_by, workstation, saved_ms)
SELECT id, version, status, findings, impression, fields_json, '', '', author, '', updated_ms FROM reports;

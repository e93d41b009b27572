-- Templates the department imported (IHE MRRT files, sanitised); the starter set ships in the
-- jar and is not copied here. A department's import of a starter template's identifier overrides it.
CREATE TABLE report_templates (
    id          VARCHAR(200) PRIMARY KEY,
    source      VARCHAR(1000000) NOT NULL,
    imported_at BIGINT NOT NULL
);

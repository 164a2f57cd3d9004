-- One table per system and kind, all of the same shape: canonical (normalised) columns the diff compares, the raw
-- JSON as the API sent it (for audit; from Tripletex, the fields extraction asks for), and bookkeeping for
-- incremental extraction.
CREATE TABLE IF NOT EXISTS {table} (
    record_id           VARCHAR NOT NULL,  -- unique by construction: every load deletes before it inserts
    tripletex_id        BIGINT,
    {synced_fields},  -- domain.fields.SYNCED_FIELDS, each VARCHAR holding the normalised value
    is_active           BOOLEAN,
    version             INTEGER,
    changed_at          TIMESTAMPTZ,
    address_id          BIGINT,
    problems            VARCHAR[],
    raw                 JSON USING COMPRESSION zstd,  -- a third of the size, and cheaper to write than the default
    extracted_at        TIMESTAMPTZ NOT NULL,
    extraction_id       VARCHAR NOT NULL,
    -- when this version was first extracted: Tripletex sends no change time, so this stands in for it
    version_seen_at     TIMESTAMPTZ,
    is_deleted          BOOLEAN NOT NULL DEFAULT false,
    -- hash of the synced fields, set on every write: the diff compares one number per record before any text
    fields_hash         UBIGINT
);

-- Telaris list pages ({"items": [...], "next_cursor": ...}) in `page_bodies(body)` → the relation `canonical` that
-- canonical_rows.sql finishes. Mirrors domain.mapping.canonical_from_telaris.
-- Each record is parsed once, into the list of its values at these paths; the text values are folded through one
-- list_transform, which is fold_text per value but one regular expression for DuckDB to compile instead of
-- thirteen (compiling them had made planning the most expensive part of a page).
WITH records AS (
    SELECT unnest(json_extract(body, '$.items[*]')) AS raw FROM page_bodies
), valued AS (
    SELECT raw, json_extract_string(raw, [
        '$.name', '$.number', '$.organisation_number', '$.email', '$.invoice_email', '$.phone',           -- 1-6
        '$.address.line1', '$.address.line2', '$.address.postal_code', '$.address.city',                       -- 7-10
        '$.address.country', '$.currency', '$.language',                                                       -- 11-13
        '$.id', '$.tripletex_id', '$.is_active', '$.version', '$.updated_at']) AS v                            -- 14-18
    FROM records
), folded AS (
    SELECT raw, v, list_transform(v[1:13], lambda x: fold_text(x)) AS f FROM valued
), canonical AS (
    SELECT raw, f,
           v[14]                                AS record_id,
           v[15]::BIGINT                        AS tripletex_id,
           code_of(f[11])                       AS country,
           coalesce(code_of(f[12]), 'NOK')      AS currency,
           language_from_telaris(f[13])         AS language,
           coalesce(v[16]::BOOLEAN, true)       AS is_active,
           v[17]::INTEGER                       AS version,
           nullif(v[18], '')::TIMESTAMPTZ       AS changed_at,
           NULL::BIGINT                         AS address_id
    FROM folded
)

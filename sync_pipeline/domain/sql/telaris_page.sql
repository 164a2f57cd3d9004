-- Telaris list pages ({"items": [...], "next_cursor": ...}) in `page_bodies(body)` → canonical rows, in the
-- column order of warehouse BATCH_COLUMNS. Mirrors domain.mapping.canonical_from_telaris.
-- Each record is parsed once, into the list of its values at these paths; the text values are folded through one
-- list_transform, which is fold_text per value but one regular expression for DuckDB to compile instead of
-- thirteen (compiling them had made planning the most expensive part of a page).
WITH records AS (
    SELECT unnest(json_extract(body, '$.items[*]')) AS raw FROM page_bodies
), valued AS (
    SELECT raw, json_extract_string(raw, [
        '$.name', '$.number', '$.organisation_number', '$.email', '$.invoice_email', '$.phone',           -- 1-6
        '$.address.line1', '$.address.line2', '$.address.postal_code', '$.address.city', '$.address.country',   -- 7-11
        '$.currency', '$.language',                                                                            -- 12-13
        '$.id', '$.tripletex_id', '$.is_active', '$.version', '$.updated_at']) AS v                            -- 14-18
    FROM records
), folded AS (
    SELECT raw, v, list_transform(v[1:13], lambda x: fold_text(x)) AS f FROM valued
), coded AS (
    SELECT *, code_of(f[11]) AS country, language_from_telaris(f[13]) AS language FROM folded
), canonical AS (
    SELECT *, organisation_number_of(f[3], country) AS organisation_number FROM coded
)
SELECT
    v[14]                               AS record_id,
    v[15]::BIGINT                       AS tripletex_id,
    f[1]                                AS name,
    number_of(f[2])                     AS number,
    organisation_number                 AS organisation_number,
    email_of(f[4])                      AS email,
    email_of(f[5])                      AS invoice_email,
    phone_of(f[6])                      AS phone,
    f[7]                                AS address_line1,
    f[8]                                AS address_line2,
    f[9]                                AS postal_code,
    f[10]                               AS city,
    country                             AS country,
    coalesce(code_of(f[12]), 'NOK')     AS currency,
    language                            AS language,
    coalesce(v[16]::BOOLEAN, true)      AS is_active,
    v[17]::INTEGER                      AS version,
    nullif(v[18], '')::TIMESTAMPTZ      AS changed_at,
    NULL::BIGINT                        AS address_id,
    problems_of(organisation_number, country, language) AS problems,
    raw                                 AS raw
FROM canonical

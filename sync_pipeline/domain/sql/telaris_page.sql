-- Telaris list pages ({"items": [...], "next_cursor": ...}) in `page_bodies(body)` → canonical rows, in the
-- column order of warehouse BATCH_COLUMNS. Mirrors domain.mapping.canonical_from_telaris.
WITH records AS (
    SELECT unnest(json_extract(body, '$.items[*]')) AS raw FROM page_bodies
), typed AS (
    SELECT raw, json_transform(raw, '{shape}') AS r FROM records
), folded AS (
    SELECT raw, r.id, r.tripletex_id, r.is_active, r.version, r.updated_at,
           fold_text(r.name) AS name, fold_text(r.number) AS number, fold_text(r.organisation_number) AS org,
           fold_text(r.email) AS email, fold_text(r.invoice_email) AS invoice_email, fold_text(r.phone) AS phone,
           fold_text(r.address.line1) AS line1, fold_text(r.address.line2) AS line2,
           fold_text(r.address.postal_code) AS postal_code, fold_text(r.address.city) AS city,
           code_of(fold_text(r.address.country)) AS country, fold_text(r.currency) AS currency,
           language_from_telaris(fold_text(r.language)) AS language
    FROM typed
), canonical AS (
    SELECT *, organisation_number_of(org, country) AS organisation_number FROM folded
)
SELECT
    id::VARCHAR                         AS record_id,
    tripletex_id                        AS tripletex_id,
    name                                AS name,
    number_of(number)                   AS number,
    organisation_number                 AS organisation_number,
    email_of(email)                     AS email,
    email_of(invoice_email)             AS invoice_email,
    phone_of(phone)                     AS phone,
    line1                               AS address_line1,
    line2                               AS address_line2,
    postal_code                         AS postal_code,
    city                                AS city,
    country                             AS country,
    coalesce(code_of(currency), 'NOK')  AS currency,
    language                            AS language,
    coalesce(is_active, true)           AS is_active,
    version                             AS version,
    nullif(updated_at, '')::TIMESTAMPTZ AS changed_at,
    NULL::BIGINT                        AS address_id,
    problems_of(organisation_number, country, language) AS problems,
    raw                                 AS raw
FROM canonical

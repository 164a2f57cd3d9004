-- Tripletex list pages ({"fullResultSize": ..., "values": [...]}) in `page_bodies(body)` → the relation `canonical`
-- that canonical_rows.sql finishes. Mirrors domain.mapping.canonical_from_tripletex; currency and country ids are
-- read through `tripletex_currency_codes(id, code)` and `tripletex_country_codes(id, code)`.
-- One parse per record, one list_transform for the text values: see telaris_page.sql.
WITH records AS (
    SELECT unnest(json_extract(body, '$.values[*]')) AS raw FROM page_bodies
), valued AS (
    SELECT raw, json_extract_string(raw, [
        '$.name', '$.{number_field}', '$.organizationNumber', '$.email', '$.invoiceEmail', '$.phoneNumber',    -- 1-6
        '$.postalAddress.addressLine1', '$.postalAddress.addressLine2', '$.postalAddress.postalCode',          -- 7-9
        '$.postalAddress.city', '$.language',                                                                  -- 10-11
        '$.id', '$.version', '$.isInactive', '$.postalAddress.id', '$.postalAddress.country.id',               -- 12-16
        '$.currency.id']) AS v                                                                                 -- 17
    FROM records
), folded AS (
    SELECT raw, v, list_transform(v[1:11], lambda x: fold_text(x)) AS f FROM valued
), canonical AS (
    SELECT raw, f,
           v[12]                                AS record_id,
           v[12]::BIGINT                        AS tripletex_id,
           -- Tripletex always has an address, defaulting its country to Norway: an address with nothing else in it
           -- is no address, so its default country is not news to send to Telaris
           CASE WHEN coalesce(v[7], '') <> '' OR coalesce(v[8], '') <> '' OR coalesce(v[9], '') <> ''
                     OR coalesce(v[10], '') <> ''
                THEN country.code END           AS country,
           currency.code                        AS currency,
           language_from_tripletex(f[11])       AS language,
           NOT coalesce(v[14]::BOOLEAN, false)  AS is_active,
           v[13]::INTEGER                       AS version,
           NULL::TIMESTAMPTZ                    AS changed_at,
           v[15]::BIGINT                        AS address_id
    FROM folded
    LEFT JOIN tripletex_country_codes country ON country.id = v[16]::BIGINT
    LEFT JOIN tripletex_currency_codes currency ON currency.id = v[17]::BIGINT
)

-- Tripletex list pages ({"fullResultSize": ..., "values": [...]}) in `page_bodies(body)` → canonical rows, in the
-- column order of warehouse BATCH_COLUMNS. Mirrors domain.mapping.canonical_from_tripletex; currency and country
-- ids are read through `tripletex_currency_codes(id, code)` and `tripletex_country_codes(id, code)`.
WITH records AS (
    SELECT unnest(json_extract(body, '$.values[*]')) AS raw FROM page_bodies
), typed AS (
    SELECT raw, json_transform(raw, '{shape}') AS r FROM records
), folded AS (
    SELECT raw, r.id, r.version, r.isInactive, r.postalAddress.id AS address_id,
           fold_text(r.name) AS name, fold_text(r.{number_field}) AS number,
           fold_text(r.organizationNumber) AS org, fold_text(r.email) AS email,
           fold_text(r.invoiceEmail) AS invoice_email, fold_text(r.phoneNumber) AS phone,
           fold_text(r.postalAddress.addressLine1) AS line1, fold_text(r.postalAddress.addressLine2) AS line2,
           fold_text(r.postalAddress.postalCode) AS postal_code, fold_text(r.postalAddress.city) AS city,
           -- Tripletex always has an address, defaulting its country to Norway: an address with nothing else in it
           -- is no address, so its default country is not news to send to Telaris
           CASE WHEN coalesce(r.postalAddress.addressLine1, '') <> '' OR coalesce(r.postalAddress.addressLine2, '') <> ''
                     OR coalesce(r.postalAddress.postalCode, '') <> '' OR coalesce(r.postalAddress.city, '') <> ''
                THEN country.code END AS country,
           currency.code AS currency,
           language_from_tripletex(fold_text(r.language)) AS language
    FROM typed
    LEFT JOIN tripletex_country_codes country ON country.id = r.postalAddress.country.id
    LEFT JOIN tripletex_currency_codes currency ON currency.id = r.currency.id
), canonical AS (
    SELECT *, organisation_number_of(org, country) AS organisation_number FROM folded
)
SELECT
    id::VARCHAR                         AS record_id,
    id                                  AS tripletex_id,
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
    currency                            AS currency,
    language                            AS language,
    NOT coalesce(isInactive, false)     AS is_active,
    version                             AS version,
    NULL::TIMESTAMPTZ                   AS changed_at,
    address_id                          AS address_id,
    problems_of(organisation_number, country, language) AS problems,
    raw                                 AS raw
FROM canonical

-- The common end of both systems' page SQL (appended to telaris_page.sql or tripletex_page.sql): from their
-- relation `canonical` — raw, the folded text values `f` (1 name, 2 number, 3 organisation number, 4 e-mail,
-- 5 invoice e-mail, 6 phone, 7-10 address line 1, line 2, postal code, city) and the columns each system reads its
-- own way — to rows in the column order of warehouse BATCH_COLUMNS.
, checked AS (
    SELECT *, organisation_number_of(f[3], country) AS organisation_number FROM canonical
)
SELECT
    record_id, tripletex_id,
    f[1]                AS name,
    number_of(f[2])     AS number,
    organisation_number,
    email_of(f[4])      AS email,
    email_of(f[5])      AS invoice_email,
    phone_of(f[6])      AS phone,
    f[7]                AS address_line1,
    f[8]                AS address_line2,
    f[9]                AS postal_code,
    f[10]               AS city,
    country, currency, language, is_active, version, changed_at, address_id,
    problems_of(organisation_number, country, language) AS problems,
    raw
FROM checked

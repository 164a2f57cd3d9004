-- The records the initial linking looks at, with what it compares. ${kind}: customer | supplier.
CREATE OR REPLACE TEMP TABLE linking_telaris AS
SELECT t.record_id AS unique_id, t.name, name_key(t.name) AS name_key,
       split_part(name_key(t.name), ' ', 1) AS name_token, t.number,
       CASE WHEN valid_orgnr(t.organisation_number, t.problems) THEN t.organisation_number END AS organisation_number,
       nullif(lower(split_part(t.email, '@', 2)), '') AS email_domain, t.phone, t.postal_code, t.city
FROM telaris_${kind}s t
WHERE t.tripletex_id IS NULL AND NOT t.is_deleted
  AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.telaris_id = t.record_id);

CREATE OR REPLACE TEMP TABLE linking_tripletex AS
SELECT x.tripletex_id::VARCHAR AS unique_id, x.name, name_key(x.name) AS name_key,
       split_part(name_key(x.name), ' ', 1) AS name_token, x.number,
       CASE WHEN valid_orgnr(x.organisation_number, x.problems) THEN x.organisation_number END AS organisation_number,
       nullif(lower(split_part(x.email, '@', 2)), '') AS email_domain, x.phone, x.postal_code, x.city
FROM tripletex_${kind}s x
WHERE NOT x.is_deleted
  AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.tripletex_id = x.tripletex_id)
  AND NOT EXISTS (SELECT 1 FROM telaris_${kind}s t WHERE t.tripletex_id = x.tripletex_id AND NOT t.is_deleted);

-- Strongest evidence first: the same valid organisation number. Unique on both sides → auto; else review.
CREATE OR REPLACE TEMP TABLE linking_by_orgnr AS
SELECT t.unique_id AS telaris_id, x.unique_id AS tripletex_id,
       count(*) OVER (PARTITION BY t.unique_id) = 1 AND count(*) OVER (PARTITION BY x.unique_id) = 1 AS is_unique
FROM linking_telaris t JOIN linking_tripletex x USING (organisation_number);

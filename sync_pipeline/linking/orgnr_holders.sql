-- Who holds each valid organisation number, linked or not, in the kind's records (${kind}: customer | supplier).
-- The initial linking reads it (a number one to one settles a pair; a number on one side that belongs to another
-- record of the other system says the pair is two companies), and so does applying the links (a link on a number
-- one to one needs no person's confirmation). One definition serves both, so the two cannot drift apart.
CREATE OR REPLACE TEMP TABLE linking_orgnr_owners AS
SELECT 'telaris' AS system, record_id AS unique_id, organisation_number FROM telaris_${kind}s
WHERE NOT is_deleted AND valid_orgnr(organisation_number, problems)
UNION ALL
SELECT 'tripletex', tripletex_id::VARCHAR, organisation_number FROM tripletex_${kind}s
WHERE NOT is_deleted AND valid_orgnr(organisation_number, problems);

CREATE OR REPLACE TEMP TABLE linking_orgnr_holders AS
SELECT organisation_number, count(*) FILTER (WHERE system = 'telaris') AS in_telaris,
       count(*) FILTER (WHERE system = 'tripletex') AS in_tripletex
FROM linking_orgnr_owners GROUP BY ALL;

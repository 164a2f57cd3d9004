-- Issue 17's plain baseline, for comparison on the same data: the organisation number one to one, then names compared
-- (Jaro-Winkler, as rapidfuzz computes it) on a few blocking keys, requiring two independent pieces of evidence: a
-- similar name (at least 0.9) and the same phone, e-mail address, or postal code and town; each record's single best
-- such candidate, when it is mutual. It reads the product's prepared records (linking_telaris, linking_tripletex,
-- linking_by_orgnr, after `propose`), so it gets the product's name keys for free.
WITH candidates AS (  -- one equality join per blocking key (a join on "any of them" compares every pair)
    SELECT t.unique_id AS telaris_id, x.unique_id AS tripletex_id
    FROM linking_telaris t JOIN linking_tripletex x USING (postal_code)
    UNION SELECT t.unique_id, x.unique_id FROM linking_telaris t JOIN linking_tripletex x USING (phone)
    UNION SELECT t.unique_id, x.unique_id FROM linking_telaris t JOIN linking_tripletex x USING (email_domain)
    UNION SELECT t.unique_id, x.unique_id FROM linking_telaris t JOIN linking_tripletex x USING (name_token)
    UNION SELECT t.unique_id, x.unique_id FROM linking_telaris t JOIN linking_tripletex x USING (name_key)),
scored AS (
    SELECT c.*, jaro_winkler_similarity(t.name_key, x.name_key) AS similarity,
           coalesce(t.phone = x.phone, false)::INT + coalesce(t.email = x.email, false)::INT
           + coalesce(t.postal_code = x.postal_code AND t.city_key = x.city_key, false)::INT AS evidence
    FROM candidates c
    JOIN linking_telaris t ON t.unique_id = c.telaris_id
    JOIN linking_tripletex x ON x.unique_id = c.tripletex_id
    WHERE jaro_winkler_similarity(t.name_key, x.name_key) >= 0.9
      AND NOT coalesce(t.organisation_number <> x.organisation_number, false)),
ranked AS (
    SELECT *, rank() OVER (PARTITION BY telaris_id ORDER BY evidence DESC, similarity DESC) AS by_telaris,
              rank() OVER (PARTITION BY tripletex_id ORDER BY evidence DESC, similarity DESC) AS by_tripletex,
              count(*) OVER (PARTITION BY telaris_id, evidence, similarity) AS ties_telaris,
              count(*) OVER (PARTITION BY tripletex_id, evidence, similarity) AS ties_tripletex
    FROM scored WHERE evidence >= 1)
SELECT telaris_id, tripletex_id FROM ranked
WHERE by_telaris = 1 AND by_tripletex = 1 AND ties_telaris = 1 AND ties_tripletex = 1
UNION
SELECT telaris_id, tripletex_id FROM linking_by_orgnr WHERE is_unique

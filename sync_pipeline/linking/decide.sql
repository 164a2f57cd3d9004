-- From evidence to decisions for one kind. Inputs: linking_telaris, linking_tripletex, linking_by_orgnr (prepare.sql)
-- and linking_scored (Splink's pairs above the review threshold). Open proposals of the kind are replaced; decided
-- ones (accepted, rejected by a reviewer, applied) are kept.
CREATE OR REPLACE TEMP TABLE linking_candidates AS
SELECT telaris_id, tripletex_id, 1.0 AS score,
       CASE WHEN is_unique THEN 'auto' ELSE 'review' END AS decision,
       CASE WHEN is_unique THEN 'the same organisation number, one to one'
            ELSE 'the same organisation number, shared by several records' END AS evidence
FROM linking_by_orgnr
UNION ALL
SELECT s.telaris_id, s.tripletex_id, s.probability,
       CASE WHEN t.organisation_number <> x.organisation_number THEN 'rejected'
            WHEN s.probability >= getvariable('linking_auto') THEN 'auto' ELSE 'review' END,
       CASE WHEN t.organisation_number <> x.organisation_number
                 THEN 'different organisation numbers (' || t.organisation_number || ', ' || x.organisation_number
                      || ') despite a match probability of ' || round(s.probability, 3)
            ELSE 'match probability ' || round(s.probability, 4) || ': '
                 || concat_ws(', ',
                      CASE WHEN t.name_key = x.name_key THEN 'same name' ELSE 'similar name ('
                           || round(jaro_winkler_similarity(t.name_key, x.name_key), 2) || ')' END,
                      CASE WHEN t.postal_code = x.postal_code THEN 'same postal code' END,
                      CASE WHEN t.email_domain = x.email_domain THEN 'same e-mail domain' END,
                      CASE WHEN t.phone = x.phone THEN 'same phone' END,
                      CASE WHEN t.number = x.number THEN 'same number' END) END
FROM linking_scored s
JOIN linking_telaris t ON t.unique_id = s.telaris_id
JOIN linking_tripletex x ON x.unique_id = s.tripletex_id;

-- An auto decision stands only when it is the only auto claim on both records and no rival is close behind.
CREATE OR REPLACE TEMP TABLE linking_decided AS
SELECT *, CASE WHEN decision = 'auto' AND (
                    count(*) FILTER (WHERE decision <> 'rejected') OVER (PARTITION BY telaris_id) > 1
                    OR count(*) FILTER (WHERE decision <> 'rejected') OVER (PARTITION BY tripletex_id) > 1)
               THEN 'review' ELSE decision END AS final_decision,
          CASE WHEN decision = 'auto' AND (
                    count(*) FILTER (WHERE decision <> 'rejected') OVER (PARTITION BY telaris_id) > 1
                    OR count(*) FILTER (WHERE decision <> 'rejected') OVER (PARTITION BY tripletex_id) > 1)
               THEN evidence || '; another record is a candidate too' ELSE evidence END AS final_evidence
FROM linking_candidates;

DELETE FROM link_proposals WHERE kind = '${kind}' AND status = 'open';
INSERT INTO link_proposals (kind, telaris_id, tripletex_id, score, decision, evidence, status, proposed_at)
SELECT '${kind}', telaris_id, tripletex_id::BIGINT, score, final_decision, final_evidence, 'open', $1
FROM linking_decided d
WHERE NOT EXISTS (SELECT 1 FROM link_proposals p WHERE p.kind = '${kind}' AND p.telaris_id = d.telaris_id
                  AND p.tripletex_id = d.tripletex_id::BIGINT);

-- A Telaris ${kind} without a link whose Tripletex counterpart is certain: the same valid organisation number, one to
-- one; or, where either side has no organisation number, the same number and a near-identical name.
WITH unlinked_t AS (
    SELECT * FROM telaris_${kind}s t
    WHERE t.tripletex_id IS NULL AND NOT t.is_deleted
      AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.telaris_id = t.record_id)
), unlinked_x AS (
    SELECT * FROM tripletex_${kind}s x
    WHERE NOT x.is_deleted
      AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.tripletex_id = x.tripletex_id)
      AND NOT EXISTS (SELECT 1 FROM telaris_${kind}s t WHERE t.tripletex_id = x.tripletex_id AND NOT t.is_deleted)
), candidates AS (
    SELECT t.record_id, x.tripletex_id, t.name AS t_name, x.name AS x_name,
           'the same organisation number ' || t.organisation_number || ' in both systems' AS evidence
    FROM unlinked_t t JOIN unlinked_x x ON x.organisation_number = t.organisation_number
    WHERE valid_orgnr(t.organisation_number, t.problems)
    UNION ALL
    SELECT t.record_id, x.tripletex_id, t.name, x.name,
           'the same number ' || t.number || ' and the name ' || x.name
    FROM unlinked_t t JOIN unlinked_x x ON x.number = t.number
    WHERE (t.organisation_number IS NULL OR x.organisation_number IS NULL)
      AND name_similarity(t.name, x.name) >= 0.95
)
SELECT 'link_missing' AS problem, '${kind}' AS kind, record_id AS telaris_id, tripletex_id, t_name AS telaris_name,
       x_name AS tripletex_name,
       'not linked, though Tripletex ${kind} ' || tripletex_id || ' has ' || evidence AS detail,
       'set tripletex_id ' || tripletex_id || ' on Telaris ${kind} ' || record_id
           || ' (or accept it in the initial linking)' AS fix
FROM candidates
QUALIFY count(*) OVER (PARTITION BY record_id) = 1 AND count(*) OVER (PARTITION BY tripletex_id) = 1
UNION ALL
-- a Telaris supplier that should be in Tripletex by now: its create is waiting
SELECT 'link_missing', 'supplier', o.telaris_id, NULL, t.name, NULL,
       'not created in Tripletex: ' || coalesce(o.last_error, 'waiting since ' || o.created_at::VARCHAR),
       'fix what the reason names in Telaris, or link it by hand to its Tripletex supplier'
FROM outbox o JOIN telaris_suppliers t ON t.record_id = o.telaris_id
WHERE '${kind}' = 'supplier' AND o.kind = 'supplier' AND o.action = 'create' AND o.direction = 'to_tripletex'
  AND o.status IN ('parked', 'pending') AND o.attempts > 0

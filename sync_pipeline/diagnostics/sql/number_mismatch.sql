-- Linked ${kind}s whose numbers still differ after the sync applied what it could: a write refused (a number
-- another record holds) or never made.
SELECT 'number_mismatch' AS problem, '${kind}' AS kind, l.telaris_id, l.tripletex_id, t.name AS telaris_name,
       x.name AS tripletex_name,
       '${kind} number ' || t.number || ' in Telaris, ' || x.number || ' in Tripletex'
           || coalesce(' (' || (SELECT any_value(o.last_error) FROM outbox o
                                WHERE o.kind = '${kind}' AND o.telaris_id = l.telaris_id AND o.status = 'parked'
                                  AND o.fields::VARCHAR LIKE '%"number"%') || ')', '') AS detail,
       'give the two records the same number in the system that is wrong (Telaris is the master of customer '
           || 'numbers); if another Tripletex record holds the number, renumber that one first' AS fix
FROM links l
JOIN telaris_${kind}s t ON t.record_id = l.telaris_id AND NOT t.is_deleted
JOIN tripletex_${kind}s x ON x.tripletex_id = l.tripletex_id AND NOT x.is_deleted
WHERE l.kind = '${kind}' AND t.number IS NOT NULL AND x.number IS NOT NULL AND t.number <> x.number

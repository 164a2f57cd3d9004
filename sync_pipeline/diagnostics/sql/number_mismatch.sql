-- Linked ${kind}s whose numbers still differ after the sync applied what it could: a write refused (a number
-- another record holds) or never made. A pair that joins two different companies is `mislinked`'s, not this.
WITH pairs AS (
    SELECT l.telaris_id, l.tripletex_id, t.name AS telaris_name, x.name AS tripletex_name, t.number AS t_number,
           x.number AS x_number,
           (SELECT any_value(o.last_error) FROM outbox o
            WHERE o.kind = '${kind}' AND o.telaris_id = l.telaris_id AND o.status = 'parked'
              AND o.fields::VARCHAR LIKE '%"number"%' AND number_clash(o.last_error)) AS clash
    FROM links l
    JOIN telaris_${kind}s t ON t.record_id = l.telaris_id AND NOT t.is_deleted
    JOIN tripletex_${kind}s x ON x.tripletex_id = l.tripletex_id AND NOT x.is_deleted
    WHERE l.kind = '${kind}' AND t.number IS NOT NULL AND x.number IS NOT NULL AND t.number <> x.number
      AND NOT different_companies(t.organisation_number, t.problems, t.name, x.organisation_number, x.problems,
                                  x.name)
)
SELECT 'number_mismatch' AS problem, '${kind}' AS kind, telaris_id, tripletex_id, telaris_name, tripletex_name,
       '${kind} number ' || t_number || ' in Telaris, ' || x_number || ' in Tripletex'
           || coalesce(' (' || clash || ')', '') AS detail,
       CASE WHEN clash IS NOT NULL
            THEN 'another record already holds the number (named above): give that record another number, and the '
                 || 'waiting write then gives this pair the same number; or, if the number is wrong here, correct it '
                 || 'where it was typed'
            ELSE 'make the numbers agree: correct the one that is wrong'
       END || CASE '${kind}' WHEN 'customer' THEN ' (Telaris is the master of customer numbers)' ELSE '' END AS fix
FROM pairs

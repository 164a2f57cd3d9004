-- Links that join two different companies, or lead nowhere.
SELECT 'mislinked' AS problem, '${kind}' AS kind, l.telaris_id, l.tripletex_id, t.name AS telaris_name,
       x.name AS tripletex_name,
       CASE WHEN valid_orgnr(t.organisation_number, t.problems) AND valid_orgnr(x.organisation_number, x.problems)
                 AND t.organisation_number <> x.organisation_number
            THEN 'linked, but the organisation numbers differ: ' || t.organisation_number || ' in Telaris, '
                 || x.organisation_number || ' in Tripletex'
            ELSE 'linked, but the names are far apart: "' || t.name || '" and "' || x.name || '"' END AS detail,
       'check which company Telaris ' || l.telaris_id || ' is; correct its tripletex_id (clear it to relink)' AS fix
FROM links l
JOIN telaris_${kind}s t ON t.record_id = l.telaris_id AND NOT t.is_deleted
JOIN tripletex_${kind}s x ON x.tripletex_id = l.tripletex_id AND NOT x.is_deleted
WHERE l.kind = '${kind}'
  AND ((valid_orgnr(t.organisation_number, t.problems) AND valid_orgnr(x.organisation_number, x.problems)
        AND t.organisation_number <> x.organisation_number)
       OR (t.organisation_number IS DISTINCT FROM x.organisation_number
           AND jaro_winkler_similarity(name_key(t.name), name_key(x.name)) < 0.6))
UNION ALL
SELECT 'mislinked', '${kind}', t.record_id, t.tripletex_id, t.name, NULL,
       'Tripletex ${kind} ' || t.tripletex_id || ' is linked from ' || count(*) OVER (PARTITION BY t.tripletex_id)
           || ' Telaris ${kind}s',
       'keep the link on the right Telaris ${kind}; clear tripletex_id on the others'
FROM telaris_${kind}s t
WHERE t.tripletex_id IS NOT NULL AND NOT t.is_deleted
QUALIFY count(*) OVER (PARTITION BY t.tripletex_id) > 1
UNION ALL
SELECT 'mislinked', '${kind}', l.telaris_id, l.tripletex_id, t.name, x.name,
       CASE WHEN x.tripletex_id IS NULL THEN 'linked to Tripletex ${kind} ' || l.tripletex_id || ', which was never seen'
            WHEN x.is_deleted THEN 'linked to Tripletex ${kind} ' || l.tripletex_id || ', which was deleted'
            ELSE 'linked to Tripletex ${kind} ' || l.tripletex_id || ', which is inactive' END,
       'link Telaris ' || l.telaris_id || ' to the ${kind} that replaced it in Tripletex, or clear its tripletex_id'
FROM links l
JOIN telaris_${kind}s t ON t.record_id = l.telaris_id AND NOT t.is_deleted AND t.is_active
LEFT JOIN tripletex_${kind}s x ON x.tripletex_id = l.tripletex_id
WHERE l.kind = '${kind}' AND (x.is_deleted OR NOT x.is_active)

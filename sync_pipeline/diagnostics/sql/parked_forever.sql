-- Writes that wait for a person: the value cannot be sent as it is, so the pair never converges by itself.
SELECT 'parked_forever' AS problem, o.kind, o.telaris_id, o.tripletex_id, NULL AS telaris_name,
       NULL AS tripletex_name,
       o.direction || ' ' || o.fields::VARCHAR || ' cannot be written: ' || o.last_error AS detail,
       CASE WHEN o.last_error LIKE '%only NO and EN%'
                 THEN 'Tripletex knows only Norwegian and English: set the language to one of them in Telaris'
            WHEN o.last_error LIKE '%organisation number%'
                 THEN 'correct the organisation number where it was entered'
            WHEN o.last_error LIKE '%already used%'
                 THEN 'give one of the two records another number'
            WHEN o.last_error LIKE 'ambiguous%' THEN 'link the record by hand to the right one'
            WHEN o.last_error LIKE '%no longer exists (deleted there)%'
                 THEN 'the record was deleted: link the other one to the record that replaced it, or clear the link'
            ELSE 'correct the value in the system it came from' END AS fix
FROM outbox o
WHERE o.status = 'parked' AND o.kind = '${kind}' AND o.last_error NOT LIKE 'create outcome unknown%'

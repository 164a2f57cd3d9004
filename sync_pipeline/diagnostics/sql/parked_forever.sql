-- Writes that wait for a person: the value cannot be sent as it is, so the pair never converges by itself.
-- A number another record holds, on a linked pair, is reported once, by `number_mismatch`, with its one fix.
SELECT 'parked_forever' AS problem, o.kind, o.telaris_id, o.tripletex_id, t.name AS telaris_name,
       x.name AS tripletex_name,
       o.direction || ' ' || o.fields::VARCHAR || ' cannot be written: ' || o.last_error AS detail,
       value_fix(o.last_error, CASE WHEN o.direction = 'to_tripletex' OR o.tripletex_id IS NULL
                                    THEN 'Telaris ${kind} ' || o.telaris_id
                                    ELSE 'Tripletex ${kind} ' || o.tripletex_id END) AS fix
FROM outbox o
LEFT JOIN telaris_${kind}s t ON t.record_id = o.telaris_id
LEFT JOIN tripletex_${kind}s x ON x.tripletex_id = o.tripletex_id
WHERE o.status = 'parked' AND o.kind = '${kind}' AND o.last_error NOT LIKE 'create outcome unknown%'
  AND NOT (number_clash(o.last_error) AND o.tripletex_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM links l WHERE l.kind = '${kind}' AND l.telaris_id = o.telaris_id))
UNION ALL
-- An invoice export whose customer cannot be made in Tripletex: Telaris marks it failed, so nothing tries again
-- until a person fixes the customer and exports the invoice anew (a later export of the same customer settles it).
SELECT 'parked_forever', 'customer', e.customer_id, NULL, t.name, NULL,
       'invoice ' || e.invoice_number || ' could not be exported: ' || coalesce(e.detail, 'no reason recorded'),
       value_fix(coalesce(e.detail, ''), 'Telaris customer ' || e.customer_id) || ', then export invoice '
           || e.invoice_number || ' again'
FROM invoice_export_outcomes e
LEFT JOIN telaris_customers t ON t.record_id = e.customer_id
WHERE '${kind}' = 'customer' AND e.status = 'failed'
  AND NOT EXISTS (SELECT 1 FROM invoice_export_outcomes r WHERE r.customer_id = e.customer_id
                  AND r.status = 'customer_ready' AND r.decided_at > e.decided_at)

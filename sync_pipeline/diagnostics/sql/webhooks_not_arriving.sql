-- Webhooks that should announce Tripletex changes but do not. Evaluated once (not per kind: ${kind} is unused).
SELECT 'webhooks_not_arriving' AS problem, split_part(event, '.', 1) AS kind, NULL AS telaris_id,
       subscription_id AS tripletex_id, NULL AS telaris_name, NULL AS tripletex_name,
       'the subscription for ' || event || ' is ' || status AS detail,
       'run the job ensure_webhook_subscriptions (or `sync-pipeline webhooks subscribe`), and check that the '
           || 'receiver answers 2xx at ' || coalesce(target_url, 'SYNC_WEBHOOK_PUBLIC_URL') AS fix
FROM webhook_subscriptions WHERE status <> 'ACTIVE'
UNION ALL
SELECT 'webhooks_not_arriving', NULL, NULL, NULL, NULL, NULL,
       'no webhook subscriptions are recorded: Tripletex changes arrive only with the five-minute poll',
       'set SYNC_WEBHOOK_PUBLIC_URL, TRIPLETEX_WEBHOOK_AUTH and TRIPLETEX_WEBHOOK_SECRET, run the receiver and the '
           || 'job ensure_webhook_subscriptions'
WHERE NOT EXISTS (SELECT 1 FROM webhook_subscriptions)
UNION ALL
-- changes the extraction found that no webhook announced within the grace period
SELECT 'webhooks_not_arriving', kind, NULL, NULL, NULL, NULL,
       count(*) || ' Tripletex ' || kind || ' changes in the last day arrived without a webhook (e.g. '
           || array_to_string(list_slice(list(tripletex_id ORDER BY tripletex_id), 1, 5), ', ') || ')',
       'check the receiver''s log and that it answers 2xx; the subscriptions may point at an old URL'
FROM (SELECT 'customer' AS kind, tripletex_id, version_seen_at FROM tripletex_customers
      UNION ALL SELECT 'supplier', tripletex_id, version_seen_at FROM tripletex_suppliers) c
WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE status = 'ACTIVE')
  AND c.version_seen_at BETWEEN now() - INTERVAL 1 DAY AND now() - to_minutes($grace_minutes)
  AND c.version_seen_at > (SELECT min(checked_at) FROM webhook_subscriptions)
  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.object_id = c.tripletex_id
                  AND d.received_at >= c.version_seen_at - to_minutes($grace_minutes))
GROUP BY kind

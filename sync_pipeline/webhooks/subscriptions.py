"""The six Tripletex subscriptions the sync relies on, made to exist, point at the receiver and be ACTIVE.

Tripletex disables a subscription whose deliveries keep failing (`DISABLED_TOO_MANY_ERRORS`, …). One found disabled
is deleted and created again; since changes were missed while it was down, the caller asks for a catch-up sync.
Tripletex never shows a subscription's auth value or secret back, so those are sent on every create and update.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from sync_pipeline import settings
from sync_pipeline.clients.tripletex import PARTY_FIELDS, TripletexClient
from sync_pipeline.tenants.company import Company
from sync_pipeline.tenants.registry import TenantError
from sync_pipeline.webhooks.receiver import KNOWN_EVENTS, company_credentials, is_loopback

EVENTS = tuple(sorted(KNOWN_EVENTS))
AUTH_HEADER_NAME = "Authorization"


@dataclass
class SubscriptionState:
    event: str
    subscription_id: int | None
    status: str
    action: str  # kept | created | recreated | updated
    target_url: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def public_url(company: Company, url: str | None = None) -> str:
    """Where Tripletex sends a company's deliveries: `url` when given, else SYNC_WEBHOOK_PUBLIC_URL; a registered
    company's name is appended unless the URL ends with it: the receiver's route of its own
    (`…/webhooks/tripletex/<name>`), checked with its own credentials and landing in its own folder."""
    base = url or settings.setting("SYNC_WEBHOOK_PUBLIC_URL")
    if not company.is_tenant or base.rstrip("/").endswith(f"/{company.name}"):
        return base
    return f"{base.rstrip('/')}/{company.name}"


def subscription_credentials(company: Company, url: str) -> tuple[str | None, str | None]:
    """The Authorization value and HMAC secret a company's subscriptions carry. A registered company that names no
    Authorization variable is refused in one line when its deliveries go beyond loopback: the receiver refuses every
    delivery of such a company (401), so the subscription would send changes nobody lands."""
    auth, secret = company_credentials(company)
    host = urlsplit(url).hostname or ""
    if company.is_tenant and auth is None and not is_loopback(host):
        raise TenantError(f"company {company.name} names no webhook Authorization variable, and the receiver at "
                          f"{host} refuses its deliveries without one: add it again with `sync-pipeline tenants add "
                          "… --webhook-auth-env VAR`, then subscribe")
    return auth, secret


def ensure_subscriptions(client: TripletexClient, public_url: str, auth: str | None,
                         secret: str | None) -> list[SubscriptionState]:
    existing: dict[str, list[dict[str, Any]]] = {}
    for sub in client.subscriptions():
        existing.setdefault(sub["event"], []).append(sub)
    wanted: dict[str, Any] = {"fields": PARTY_FIELDS}
    if auth:
        wanted |= {"authHeaderName": AUTH_HEADER_NAME, "authHeaderValue": auth}
    if secret:
        wanted["hmacSharedSecret"] = secret
    states = []
    for event in EVENTS:
        ours = [s for s in existing.get(event, []) if s.get("targetUrl") == public_url]
        current = ours[0] if ours else None
        if current is None:
            created = client.subscribe(event, public_url, **wanted)
            states.append(SubscriptionState(event, created["id"], created["status"], "created", public_url))
        elif current["status"] != "ACTIVE":
            client.unsubscribe(current["id"])
            created = client.subscribe(event, public_url, **wanted)
            states.append(SubscriptionState(event, created["id"], created["status"],
                                            f"recreated (was {current['status']})", public_url))
        elif current.get("fields") != PARTY_FIELDS or (auth and current.get("authHeaderName") != AUTH_HEADER_NAME):
            updated = client.update_subscription(current["id"], {"event": event, "targetUrl": public_url,
                                                                       **wanted})
            states.append(SubscriptionState(event, updated["id"], updated["status"], "updated", public_url))
        else:
            states.append(SubscriptionState(event, current["id"], current["status"], "kept", public_url))
    return states


def missed_changes(states: list[SubscriptionState]) -> list[str]:
    """Events whose subscription had been down: their changes must be caught up by a sync."""
    return [s.event for s in states if s.action.startswith("recreated")]

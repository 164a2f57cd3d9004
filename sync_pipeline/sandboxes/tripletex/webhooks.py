"""Event subscriptions and webhook delivery, as Tripletex does it.

A change enqueues one delivery per matching ACTIVE subscription. A background thread POSTs it with the auth header,
an `idempotency-key` and (when a secret is set) `x-request-signature`; a failure is retried on a schedule, and a
subscription that keeps failing is switched to DISABLED_TOO_MANY_ERRORS, after which nothing more is sent to it.
Deliveries still waiting for the same object are coalesced, so rapid edits send the latest version only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import requests

from sync_pipeline.sandboxes.tripletex import field_selection
from sync_pipeline.sandboxes.tripletex.errors import ApiError, validation_error
from sync_pipeline.sandboxes.tripletex.store import TripletexStore

EVENTS = {
    "customer.create": "A customer was created",
    "customer.update": "A customer was updated",
    "customer.delete": "A customer was deleted",
    "supplier.create": "A supplier was created",
    "supplier.update": "A supplier was updated",
    "supplier.delete": "A supplier was deleted",
}
STATUSES = ("ACTIVE", "DISABLED", "DISABLED_TOO_MANY_ERRORS", "DISABLED_RATE_LIMIT_EXCEEDED", "DISABLED_MISUSE")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class DeliverySettings:
    retry_delays: list[float] = field(default_factory=lambda: [1.0, 5.0, 30.0, 120.0, 600.0])
    max_consecutive_failures: int = 10
    paused: bool = False
    timeout: float = 5.0


def signature(secret: str, idempotency_key: str, body: str) -> str:
    digest = hmac.new(secret.encode(), f"{idempotency_key}&{body}".encode(), hashlib.sha512).digest()
    return base64.b64encode(digest).decode()


TEXT_FIELDS = ("event", "targetUrl", "fields", "authHeaderName", "authHeaderValue", "hmacSharedSecret", "status")


class Webhooks:
    def __init__(self, store: TripletexStore) -> None:
        self.store = store
        self.db = store.db
        self.settings = DeliverySettings()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._http = requests.Session()

    # ---- subscriptions --------------------------------------------------------------------------------------
    def _validate(self, body: Any, creating: bool) -> None:
        if not isinstance(body, dict):
            raise ApiError(422, 16000, "Request mapping failed", [("", "Expected a JSON object")])
        for name in TEXT_FIELDS:  # as Tripletex's JSON mapping refuses an object where a string belongs
            if body.get(name) is not None and not isinstance(body[name], str):
                raise ApiError(422, 16000, "Request mapping failed", [(name, "Expected a string")])
        if (creating or "event" in body) and body.get("event") not in EVENTS:
            raise validation_error("event", f"Ukjent hendelse: {body.get('event')}")
        if creating or "targetUrl" in body:
            url = urlparse(body.get("targetUrl") or "")
            # Tripletex demands https; the sandbox also takes plain http to loopback so tests need no certificate.
            if not url.netloc or not (url.scheme == "https" or (url.scheme == "http" and
                                                                 url.hostname in LOOPBACK_HOSTS)):
                raise validation_error("targetUrl", "Må være en absolutt https-adresse.")
        if "status" in body and body["status"] not in STATUSES:
            raise ApiError(422, 16000, "Request mapping failed", [("status", "Ugyldig status")])
        if "fields" in body and body["fields"]:
            try:
                field_selection.parse(body["fields"])
            except field_selection.FieldsSyntaxError as exc:
                raise validation_error("fields", str(exc)) from None

    def _public(self, sid: int, data: dict[str, Any]) -> dict[str, Any]:
        # Secrets are write-only: the API never echoes them back (the secret is left out, the header value masked).
        public = {"id": sid, "version": data.get("version", 0), "url": f"tripletex.no/v2/event/subscription/{sid}",
                  **{k: v for k, v in data.items() if k not in ("version", "hmacSharedSecret") and v is not None}}
        public.pop("authHeaderValue", None)
        if data.get("authHeaderName"):
            public["authHeaderValue"] = "********"
        return public

    def create_subscription(self, body: dict[str, Any]) -> dict[str, Any]:
        self._validate(body, creating=True)
        data = {
            "event": body["event"], "targetUrl": body["targetUrl"], "fields": body.get("fields") or "*",
            "status": "ACTIVE", "authHeaderName": body.get("authHeaderName"), "version": 0,
        }
        cur = self.db.execute(
            "INSERT INTO subscription (data, secret, auth_value) VALUES (?, ?, ?)",
            (json.dumps(data), body.get("hmacSharedSecret"), body.get("authHeaderValue")),
        )
        return self._public(cur.lastrowid, data)

    def _load(self, sid: int) -> tuple[dict[str, Any], str | None, str | None]:
        row = self.db.one("SELECT data, secret, auth_value FROM subscription WHERE id = ?", (sid,))
        if row is None:
            raise ApiError(404, 6000, f"Subscription {sid} not found")
        return json.loads(row[0]), row[1], row[2]

    def get_subscription(self, sid: int) -> dict[str, Any]:
        return self._public(sid, self._load(sid)[0])

    def list_subscriptions(self) -> list[dict[str, Any]]:
        rows = self.db.query("SELECT id, data FROM subscription ORDER BY id")
        return [self._public(r[0], json.loads(r[1])) for r in rows]

    def update_subscription(self, sid: int, body: dict[str, Any]) -> dict[str, Any]:
        self._validate(body, creating=False)
        data, secret, auth_value = self._load(sid)
        if body.get("version") is not None and body["version"] != data.get("version", 0):
            raise ApiError(409, 8000, "RevisionException")
        for key in ("event", "targetUrl", "fields", "status", "authHeaderName"):
            if key in body:
                data[key] = body[key]
        secret = body.get("hmacSharedSecret", secret)
        auth_value = body.get("authHeaderValue", auth_value)
        data["version"] = data.get("version", 0) + 1
        reset = ", consecutive_failures = 0" if data["status"] == "ACTIVE" else ""
        self.db.execute(f"UPDATE subscription SET data = ?, secret = ?, auth_value = ?{reset} WHERE id = ?",
                        (json.dumps(data), secret, auth_value, sid))
        return self._public(sid, data)

    def delete_subscription(self, sid: int) -> None:
        if self.db.execute("DELETE FROM subscription WHERE id = ?", (sid,)).rowcount == 0:
            raise ApiError(404, 6000, f"Subscription {sid} not found")
        self.db.execute("DELETE FROM delivery WHERE subscription_id = ? AND status = 'pending'", (sid,))

    def set_status(self, sid: int, status: str) -> None:
        data, _, _ = self._load(sid)
        data["status"] = status
        self.db.execute("UPDATE subscription SET data = ? WHERE id = ?", (json.dumps(data), sid))

    # ---- enqueue and deliver --------------------------------------------------------------------------------
    def enqueue(self, kind: str, action: str, pid: int, obj: dict[str, Any] | None) -> None:
        event = f"{kind}.{action}"
        now = time.time()
        with self.db.transaction() as con:
            subs = con.execute("SELECT id, data FROM subscription").fetchall()
            for sid, raw in subs:
                data = json.loads(raw)
                if data["event"] != event or data["status"] != "ACTIVE":
                    continue
                value = None if obj is None else field_selection.apply(obj, field_selection.parse(data["fields"]))
                body = json.dumps({"subscriptionId": sid, "event": event, "id": pid, "value": value})
                waiting = con.execute(
                    "SELECT id FROM delivery WHERE subscription_id = ? AND object_id = ? AND status = 'pending' "
                    "AND attempts = 0", (sid, pid)).fetchone()
                if waiting:
                    con.execute("UPDATE delivery SET body = ? WHERE id = ?", (body, waiting[0]))
                else:
                    con.execute(
                        "INSERT INTO delivery (subscription_id, object_id, event, idempotency_key, body, "
                        "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (sid, pid, event, str(uuid.uuid4()), body, now, now),
                    )
        self._wake.set()

    def deliveries(self) -> list[dict[str, Any]]:
        rows = self.db.query(
            "SELECT id, subscription_id, object_id, event, status, attempts, last_error, idempotency_key "
            "FROM delivery ORDER BY id")
        return [dict(r) for r in rows]

    def redeliver(self) -> int:
        """Send every delivered delivery again with its idempotency key, as Tripletex does when our answer to the
        first attempt was lost on the way (a timeout on its side). Returns how many were queued."""
        cur = self.db.execute("UPDATE delivery SET status = 'pending', next_attempt_at = ? "
                              "WHERE status = 'delivered'", (time.time(),))
        self._wake.set()
        return cur.rowcount

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="tripletex-webhooks", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            delay = self.deliver_due()
            self._wake.wait(timeout=delay)
            self._wake.clear()

    def deliver_due(self) -> float:
        """Send every due delivery once; returns seconds until the next one is due (at most 1)."""
        if self.settings.paused:
            return 0.5
        now = time.time()
        due = self.db.query(
            "SELECT d.id, d.subscription_id, d.idempotency_key, d.body, d.attempts, s.data, s.secret, s.auth_value "
            "FROM delivery d JOIN subscription s ON s.id = d.subscription_id "
            "WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.id LIMIT 200", (now,))
        for row in due:
            if self._stop.is_set():
                break
            self._attempt(row)
        nxt = self.db.one("SELECT min(next_attempt_at) FROM delivery WHERE status = 'pending'")
        if nxt is None or nxt[0] is None:
            return 1.0
        return max(0.01, min(1.0, nxt[0] - time.time()))

    def _attempt(self, row: Any) -> None:
        did, sid, key, body, attempts, raw_sub, secret, auth_value = row
        sub = json.loads(raw_sub)
        if sub["status"] != "ACTIVE":
            self.db.execute("UPDATE delivery SET status = 'dropped', last_error = ? WHERE id = ?",
                            (f"subscription {sub['status']}", did))
            return
        headers = {"content-type": "application/json", "idempotency-key": key}
        if sub.get("authHeaderName"):
            headers[sub["authHeaderName"]] = auth_value or ""
        if secret:
            headers["x-request-signature"] = signature(secret, key, body)
        error = None
        try:
            answer = self._http.post(sub["targetUrl"], data=body.encode(), headers=headers,
                                     timeout=self.settings.timeout)
            if not 200 <= answer.status_code < 300:
                error = f"HTTP {answer.status_code}"
        except requests.RequestException as exc:
            error = type(exc).__name__
        if error is None:
            self.db.execute("UPDATE delivery SET status = 'delivered', attempts = ?, last_error = NULL WHERE id = ?",
                            (attempts + 1, did))
            self.db.execute("UPDATE subscription SET consecutive_failures = 0 WHERE id = ?", (sid,))
            return
        delays = self.settings.retry_delays
        gave_up = attempts >= len(delays)
        self.db.execute(
            "UPDATE delivery SET attempts = ?, last_error = ?, status = ?, next_attempt_at = ? WHERE id = ?",
            (attempts + 1, error, "failed" if gave_up else "pending",
             time.time() + (0 if gave_up else delays[attempts]), did))
        self.db.execute("UPDATE subscription SET consecutive_failures = consecutive_failures + 1 WHERE id = ?",
                        (sid,))
        failures = self.db.one("SELECT consecutive_failures FROM subscription WHERE id = ?", (sid,))[0]
        if failures >= self.settings.max_consecutive_failures:
            self.set_status(sid, "DISABLED_TOO_MANY_ERRORS")

"""Webhooks from the Tripletex sandbox: payload, auth header, HMAC signature, retries, disabling, coalescing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync_pipeline.clients.errors import ValidationFailed
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline_tests.conftest import Admin


class Receiver:
    """A real HTTP endpoint that records what it is sent and answers with `status`."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 200
        self.arrived = threading.Condition()

        async def hook(request: Request) -> Response:
            body = await request.body()
            with self.arrived:
                self.received.append((dict(request.headers), body))
                self.arrived.notify_all()
            return Response(status_code=self.status)

        self.server = BackgroundServer(Starlette(routes=[Route("/hook", hook, methods=["POST"])]))

    @property
    def url(self) -> str:
        return self.server.url + "/hook"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[tuple[dict[str, str], dict]]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"expected {count} deliveries, got {len(self.received)}"
                self.arrived.wait(left)
        return [(h, json.loads(b)) for h, b in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    with hook.server:
        yield hook


def test_update_is_delivered_signed_and_filtered(tripletex_client: TripletexClient, receiver: Receiver) -> None:
    sub = tripletex_client.subscribe("customer.update", receiver.url, fields="id,name,version",
                                     authHeaderName="X-Auth", authHeaderValue="s3cret", hmacSharedSecret="key")
    assert sub["status"] == "ACTIVE" and "hmacSharedSecret" not in sub and sub["authHeaderValue"] == "********"
    customer = tripletex_client.create(Kind.CUSTOMER, {"name": "Hook AS"})
    tripletex_client.update(Kind.CUSTOMER, customer["id"], {"name": "Hook Endret AS"})
    [(headers, payload)] = receiver.wait_for(1)
    assert payload == {"subscriptionId": sub["id"], "event": "customer.update", "id": customer["id"],
                       "value": {"id": customer["id"], "name": "Hook Endret AS", "version": 2}}
    assert headers["x-auth"] == "s3cret"
    raw = receiver.received[0][1]
    expected = base64.b64encode(hmac.new(b"key", headers["idempotency-key"].encode() + b"&" + raw,
                                         hashlib.sha512).digest()).decode()
    assert headers["x-request-signature"] == expected


def test_delete_event_carries_only_the_id(tripletex_client: TripletexClient, receiver: Receiver) -> None:
    tripletex_client.subscribe("supplier.delete", receiver.url)
    supplier = tripletex_client.create(Kind.SUPPLIER, {"name": "Borte AS"})
    tripletex_client.delete(Kind.SUPPLIER, supplier["id"])
    [(_, payload)] = receiver.wait_for(1)
    assert payload["event"] == "supplier.delete" and payload["id"] == supplier["id"] and payload["value"] is None


def test_failing_receiver_is_retried_then_disabled(tripletex_client: TripletexClient, tripletex_admin: Admin,
                                                   receiver: Receiver) -> None:
    tripletex_admin.put("/webhooks", {"retry_delays": [0.05, 0.05, 0.05], "max_consecutive_failures": 4})
    receiver.status = 500
    sub = tripletex_client.subscribe("customer.create", receiver.url)
    tripletex_client.create(Kind.CUSTOMER, {"name": "Feil AS"})
    deliveries = receiver.wait_for(4)
    assert len({h["idempotency-key"] for h, _ in deliveries}) == 1  # retries of the same delivery
    deadline = time.monotonic() + 5
    while tripletex_client.subscriptions()[0]["status"] == "ACTIVE" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert tripletex_client.subscriptions()[0]["status"] == "DISABLED_TOO_MANY_ERRORS"
    receiver.status = 200
    after = tripletex_client.create(Kind.CUSTOMER, {"name": "Etter AS"})
    queued = tripletex_admin.get("/webhooks/deliveries")["deliveries"]
    assert [d for d in queued if d["object_id"] == after["id"]] == [], "a disabled subscription gets nothing"
    tripletex_client.update_subscription(sub["id"], {"status": "ACTIVE"})
    tripletex_client.create(Kind.CUSTOMER, {"name": "Igjen AS"})
    names = [payload["value"]["name"] for _, payload in receiver.wait_for(5)]
    assert names[-1] == "Igjen AS" and "Etter AS" not in names


def test_rapid_edits_send_the_latest_version(tripletex_client: TripletexClient, tripletex_admin: Admin,
                                             receiver: Receiver) -> None:
    tripletex_client.subscribe("customer.update", receiver.url)
    customer = tripletex_client.create(Kind.CUSTOMER, {"name": "Rask AS"})
    tripletex_admin.put("/webhooks", {"paused": True})
    for n in range(3):
        tripletex_client.update(Kind.CUSTOMER, customer["id"], {"name": f"Rask {n} AS"})
    tripletex_admin.put("/webhooks", {"paused": False})
    [(_, payload)] = receiver.wait_for(1)
    deadline = time.monotonic() + 10
    while True:  # the sandbox marks the delivery delivered just after the receiver answered
        queued = [d for d in tripletex_admin.get("/webhooks/deliveries")["deliveries"]
                  if d["object_id"] == customer["id"]]
        if [d["status"] for d in queued] != ["pending"] or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert [d["status"] for d in queued] == ["delivered"], "three edits while paused: one delivery, not three"
    assert payload["value"]["name"] == "Rask 2 AS" and payload["value"]["version"] == 4


def test_subscription_needs_a_known_event_and_an_https_target(tripletex_client: TripletexClient) -> None:
    with pytest.raises(ValidationFailed) as unknown:
        tripletex_client.subscribe("invoice.create", "https://example.invalid/hook")
    assert "event" in unknown.value.details
    with pytest.raises(ValidationFailed) as plain:
        tripletex_client.subscribe("customer.create", "http://example.invalid/hook")
    assert "targetUrl" in plain.value.details
    assert set(tripletex_client.events()) >= {"customer.update", "supplier.create"}

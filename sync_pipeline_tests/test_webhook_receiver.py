"""The webhook receiver over real HTTP: what it accepts lands durably once; what it refuses leaves a defined trace."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.webhooks.landing import Landing, only_fresh_waiting
from sync_pipeline.webhooks.receiver import PATH, ReceiverSettings, create_app, signature
from sync_pipeline.webhooks.subscriptions import ensure_subscriptions

AUTH, SECRET = "Bearer hook-auth-value", "hook-shared-secret"
DELIVERY = {"subscriptionId": 1, "event": "customer.update", "id": 100001, "value": {"id": 100001, "name": "A"}}


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[BackgroundServer]:
    with BackgroundServer(create_app(ReceiverSettings(str(tmp_path), auth=AUTH, secret=SECRET))) as server:
        yield server


def send(server: BackgroundServer, body: bytes, key: str = "key-1", auth: str | None = AUTH,
         sign: str | None = None) -> requests.Response:
    headers = {"idempotency-key": key, "content-type": "application/json",
               "x-request-signature": sign if sign is not None else signature(SECRET, key, body)}
    if auth is not None:
        headers["Authorization"] = auth
    return requests.post(server.url + PATH, data=body, headers=headers, timeout=10)


def on_disk(tmp_path: Path) -> dict[str, list[str]]:
    landing = Landing(tmp_path)
    return {folder: sorted(p.name for p in landing.folder(folder).rglob("*") if p.is_file())
            for folder in ("incoming", "quarantine", "processed", "failed")}


def test_a_delivery_lands_once_even_when_redelivered(receiver, tmp_path) -> None:
    body = json.dumps(DELIVERY).encode()
    assert send(receiver, body).status_code == 200
    again = send(receiver, body)
    assert again.status_code == 200 and again.json()["status"] == "already landed"
    [name] = on_disk(tmp_path)["incoming"]
    landed = json.loads((Landing(tmp_path).folder("incoming") / name).read_bytes())
    assert landed["payload"] == DELIVERY and landed["idempotency_key"] == "key-1"


@pytest.mark.parametrize("auth", [None, "Bearer wrong"])
def test_wrong_or_missing_auth_is_refused_and_nothing_written(receiver, tmp_path, auth) -> None:
    assert send(receiver, json.dumps(DELIVERY).encode(), auth=auth).status_code == 401
    assert on_disk(tmp_path) == {"incoming": [], "quarantine": [], "processed": [], "failed": []}


def test_a_bad_signature_is_refused_and_nothing_written(receiver, tmp_path) -> None:
    body = json.dumps(DELIVERY).encode()
    assert send(receiver, body, sign=signature("another secret", "key-1", body)).status_code == 401
    assert send(receiver, body, sign="").status_code == 401
    assert on_disk(tmp_path)["incoming"] == [] and on_disk(tmp_path)["quarantine"] == []


@pytest.mark.parametrize(("body", "reason"), [(b"{not json", "not JSON"),
                                              (json.dumps({"event": "customer.update"}).encode(), "missing"),
                                              (b"[1, 2]", "not a JSON object")])
def test_a_malformed_delivery_is_quarantined_with_its_reason(receiver, tmp_path, body, reason) -> None:
    answer = send(receiver, body)
    assert answer.status_code == 400 and reason in answer.json()["message"]
    stored = on_disk(tmp_path)
    assert stored["incoming"] == [] and len(stored["quarantine"]) == 2
    quarantine = Landing(tmp_path).folder("quarantine")
    [kept] = [p for p in quarantine.iterdir() if p.suffix == ".body"]
    assert kept.read_bytes() == body
    assert reason in json.loads(kept.with_suffix(".reason.json").read_text())["reason"]
    stored_text = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert AUTH.encode() not in stored_text and SECRET.encode() not in stored_text, "no credential is kept on disk"


def test_an_oversize_body_is_refused(receiver, tmp_path) -> None:
    body = json.dumps({**DELIVERY, "value": {"name": "x" * (1024 * 1024)}}).encode()
    assert send(receiver, body).status_code == 413
    assert on_disk(tmp_path)["incoming"] == []


def test_an_unknown_event_is_accepted_and_quarantined_not_dropped(receiver, tmp_path) -> None:
    body = json.dumps({**DELIVERY, "event": "product.update"}).encode()
    answer = send(receiver, body)
    assert answer.status_code == 202 and answer.json()["status"] == "quarantined"
    stored = on_disk(tmp_path)
    assert stored["incoming"] == [] and len(stored["quarantine"]) == 2


def test_real_tripletex_deliveries_verify_and_land(receiver, tmp_path, tripletex_client) -> None:
    """The Tripletex sandbox signs as Tripletex does; the receiver accepts exactly that."""
    states = ensure_subscriptions(tripletex_client, receiver.url + PATH, AUTH, SECRET)
    assert [s.action for s in states] == ["created"] * 6 and {s.status for s in states} == {"ACTIVE"}
    assert [s.action for s in ensure_subscriptions(tripletex_client, receiver.url + PATH, AUTH, SECRET)] == \
        ["kept"] * 6
    customer = tripletex_client.create(Kind.CUSTOMER, {"name": "Signert AS"})
    landing = Landing(tmp_path)
    deadline = time.monotonic() + 10
    while not landing.incoming() and time.monotonic() < deadline:
        time.sleep(0.05)
    [delivery] = landing.read(landing.folder("incoming"), landing.incoming())
    assert delivery.event == "customer.create" and delivery.object_id == customer["id"]


def test_every_acknowledged_delivery_survives_a_killed_receiver(tmp_path) -> None:
    """SIGKILL in the middle of a burst: whatever got a 2xx is in incoming/ and parses."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "TRIPLETEX_WEBHOOK_AUTH": AUTH, "TRIPLETEX_WEBHOOK_SECRET": SECRET}
    server = subprocess.Popen([sys.executable, "-m", "sync_pipeline.cli", "webhooks", "serve", "--port", str(port),
                               "--data", str(tmp_path)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            assert time.monotonic() < deadline, "receiver did not start"
            time.sleep(0.05)
    acknowledged: list[str] = []

    def deliver(n: int) -> None:
        body = json.dumps({**DELIVERY, "id": 200000 + n}).encode()
        key = f"burst-{n}"
        try:
            answer = requests.post(url + PATH, data=body, timeout=5, headers={
                "Authorization": AUTH, "idempotency-key": key, "x-request-signature": signature(SECRET, key, body)})
        except requests.RequestException:
            return
        if answer.status_code == 200:
            acknowledged.append(key)

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(deliver, n) for n in range(2000)]
        while len(acknowledged) < 200:
            time.sleep(0.005)
        server.send_signal(signal.SIGKILL)
        for future in futures:
            future.result()
    server.wait(timeout=10)
    landing = Landing(tmp_path)
    landed = {d.idempotency_key: d for d in landing.read(landing.folder("incoming"), landing.incoming())}
    assert len(acknowledged) >= 200 and len(acknowledged) < 2000, "killed in the middle of the burst"
    assert set(acknowledged) <= set(landed), "an acknowledged delivery was lost"
    assert all(landed[key].object_id == 200000 + int(key.split("-")[1]) for key in acknowledged)
    leftovers = [p.name for p in landing.folder("incoming").iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".") for name in leftovers), "half-written files never carry a delivery's name"


def test_deliveries_of_failing_runs_come_back_then_wait_in_failed_until_replayed(tmp_path) -> None:
    landing = Landing(tmp_path)
    assert landing.land("k-1", DELIVERY)
    for attempt in range(1, 4):
        [name] = landing.claim(f"run-{attempt}", limit=10)
        counts = landing.settle(f"run-{attempt}", succeeded=False, reason=f"run-{attempt} failed")
        assert counts == ({"processed": 0, "retried": 1, "failed": 0} if attempt < 3
                          else {"processed": 0, "retried": 0, "failed": 1})
        assert landing.seen("k-1"), "a delivery being retried or failed is still recognised on redelivery"
    assert landing.incoming() == [] and landing.counts()["failed"] == 1
    reason = json.loads((landing.folder("failed") / name.replace(".json", ".reason.json")).read_text())
    assert reason == {"reason": "run-3 failed", "failures": 3}
    assert landing.replay() == 1 and landing.incoming() == [name]
    landing.claim("run-4", limit=10)
    assert landing.settle("run-4", succeeded=True) == {"processed": 1, "retried": 0, "failed": 0}
    assert landing.counts() == {"incoming": 0, "claimed": 0, "processed": 1, "failed": 0, "quarantine": 0}


def test_only_fresh_deliveries_hold_the_change_probe_back(tmp_path) -> None:
    """The probe leaves a company whose deliveries just landed to the webhook run that will take them; one waiting
    longer (a webhook sensor someone stopped) holds it back no more, however many fresh ones land beside it, or the
    company's changes could wait forever."""
    assert not only_fresh_waiting(tmp_path / "nowhere", 60), "no landing folder: nothing waits, nothing is created"
    assert not (tmp_path / "nowhere").exists()
    landing = Landing(tmp_path)
    assert not only_fresh_waiting(tmp_path, 60), "nothing waits"
    assert landing.land("k-1", DELIVERY)
    assert only_fresh_waiting(tmp_path, 60)
    [name] = landing.incoming()
    long_ago = time.time() - 600
    os.utime(landing.folder("incoming") / name, (long_ago, long_ago))
    assert landing.land("k-2", {**DELIVERY, "id": 2})
    assert not only_fresh_waiting(tmp_path, 60), "a delivery waiting ten minutes is nobody's promise"
    landing.claim("run-1", limit=10)
    assert not only_fresh_waiting(tmp_path, 600), "claimed deliveries are the run's, seen by its status"

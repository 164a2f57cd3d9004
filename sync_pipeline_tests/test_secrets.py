"""Secrets never leave the process in text. Runs through Dagster's own CLI with sentinel tokens and webhook
credentials leave no trace of them in the console, in DAGSTER_HOME (event log with every run's metadata, compute
logs, run storage), in the data folder (the DuckDB file, landed and quarantined webhooks) or in either sandbox's
request log: when session creation fails in every way a user meets (nothing listening, a 500, a 401), and through a
whole working day that succeeds (subscriptions made, a sync, a webhook delivered and synced, a malformed one
quarantined). The session tokens Tripletex handed out appear nowhere either."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
import requests

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes import telaris, tripletex
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.webhooks.receiver import PATH, ReceiverSettings, create_app, signature
from sync_pipeline_tests.conftest import Admin
from sync_pipeline_tests.sync_helpers import linked_pair

REPO = Path(__file__).resolve().parent.parent
SENTINELS = {
    "TRIPLETEX_CONSUMER_TOKEN": "SENTINELconsumer7f3a",
    "TRIPLETEX_EMPLOYEE_TOKEN": "SENTINELemployee9c1d",
    "TELARIS_API_TOKEN": "SENTINELtelaris5e2b",
}
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens on loopback


WEBHOOK_SENTINELS = {
    "TRIPLETEX_WEBHOOK_AUTH": "Bearer SENTINELauth4a4a",
    "TRIPLETEX_WEBHOOK_SECRET": "SENTINELhmac8b8b",
}


def run_sync_cli(tmp_path: Path, tripletex_url: str, telaris_url: str, job: str = "sync",
                 **extra_env: str) -> subprocess.CompletedProcess:
    home = tmp_path / "dagster_home"
    if not home.exists():
        home.mkdir()
        shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, **SENTINELS, "DAGSTER_HOME": str(home), "TRIPLETEX_BASE_URL": tripletex_url,
           "TELARIS_BASE_URL": telaris_url, "SYNC_DATA_DIR": str(tmp_path / "data"),
           # the retries are made and logged as always, each 50 ms apart instead of backing off for seconds
           "SYNC_RETRY_MAX_SECONDS": "0.05", **extra_env}
    return subprocess.run([str(Path(sys.executable).parent / "dagster"), "job", "execute", "-m",
                           "sync_pipeline.definitions", "-j", job], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=600)


def leaks(tmp_path: Path, output: str, secrets: dict[str, str] = SENTINELS) -> list[str]:
    found = [f"console: {name}" for name, value in secrets.items() if value in output]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            found += [f"{path.relative_to(tmp_path)}: {name}" for name, value in secrets.items()
                      if value.encode() in content]
    return found


def test_nothing_listening(tmp_path) -> None:
    run = run_sync_cli(tmp_path, CLOSED + "/v2", CLOSED)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "could not reach 127.0.0.1:9: connection refused; check TRIPLETEX_BASE_URL" in output
    assert "check TELARIS_BASE_URL" in output
    assert "(attempt 1 of 6); retrying in" in output, "retries are logged, not silent"
    assert (tmp_path / "data" / "sync.duckdb").exists() or (tmp_path / "dagster_home").exists()
    assert leaks(tmp_path, output) == []


@pytest.mark.parametrize("status", [500, 401])
def test_session_refused(tmp_path, tripletex_server, telaris_server, status) -> None:
    Admin(tripletex_server).fault(kind="status", status=status, count=None, path="/v2/token")
    if status == 500:
        Admin(telaris_server).fault(kind="status", status=500, count=None, path="/api/v1")
    # a 401 from Telaris needs no fault: it does not know the sentinel token
    run = run_sync_cli(tmp_path, tripletex_server.url + "/v2", telaris_server.url)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"tripletex PUT /token/session/:create answered {status}" in output
    assert f"telaris GET /api/v1/customers answered {status}" in output
    assert leaks(tmp_path, output) == []


def test_the_launchpad_shows_variable_names_not_tokens(monkeypatch) -> None:
    for name in SENTINELS:
        monkeypatch.delenv(name, raising=False)
    from sync_pipeline.defs.resources import resources

    fields = (("tripletex", "consumer_token"), ("tripletex", "employee_token"), ("telaris", "api_token"))
    configured = resources()  # unset: no value at all (the run's first step that needs it names the variable)
    assert [getattr(configured[resource], field) for resource, field in fields] == [None, None, None]
    for name, value in SENTINELS.items():
        monkeypatch.setenv(name, value)
    configured = resources()
    for resource, field in fields:
        value = getattr(configured[resource], field)
        assert isinstance(value, dg.EnvVar), f"{resource}.{field} is literal config"
        assert "SENTINEL" not in value and "token" not in value.lower().replace("_token", "")


def test_a_working_day_leaves_no_secret_anywhere(tmp_path, monkeypatch) -> None:
    secrets = {**SENTINELS, **WEBHOOK_SENTINELS}
    for name, value in secrets.items():  # the sandboxes and the receiver demand exactly these
        monkeypatch.setenv(name, value)
    data = tmp_path / "data"
    tripletex_app = tripletex.create_app()
    with BackgroundServer(tripletex_app) as tripletex_server, \
            BackgroundServer(telaris.create_app()) as telaris_server, \
            BackgroundServer(create_app(ReceiverSettings(str(data), WEBHOOK_SENTINELS["TRIPLETEX_WEBHOOK_AUTH"],
                                                         WEBHOOK_SENTINELS["TRIPLETEX_WEBHOOK_SECRET"]))) as receiver:
        tripletex_client = TripletexClient(tripletex_server.url + "/v2", SENTINELS["TRIPLETEX_CONSUMER_TOKEN"],
                                           SENTINELS["TRIPLETEX_EMPLOYEE_TOKEN"])
        telaris_client = TelarisClient(telaris_server.url, SENTINELS["TELARIS_API_TOKEN"])
        t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)

        def run(job: str) -> str:
            done = run_sync_cli(tmp_path, tripletex_server.url + "/v2", telaris_server.url, job,
                                SYNC_WEBHOOK_PUBLIC_URL=receiver.url + PATH)
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
            return done.stdout + done.stderr

        output = run("ensure_webhook_subscriptions") + run("sync")
        tripletex_client.update(Kind.SUPPLIER, x["id"], {"email": "webhook@fjord.no"})
        landing = Landing(data)
        deadline = time.monotonic() + 15
        while not landing.incoming():
            assert time.monotonic() < deadline, "the webhook never landed"
            time.sleep(0.05)
        output += run("tripletex_webhook_sync")
        assert telaris_client.get(Kind.SUPPLIER, t["id"])["email"] == "webhook@fjord.no", "the day did its work"
        body = b"{not json"
        malformed = requests.post(receiver.url + PATH, data=body, timeout=5, headers={
            "authorization": WEBHOOK_SENTINELS["TRIPLETEX_WEBHOOK_AUTH"], "idempotency-key": "k1",
            "x-request-signature": signature(WEBHOOK_SENTINELS["TRIPLETEX_WEBHOOK_SECRET"], "k1", body)})
        assert malformed.status_code == 400 and any((landing.root / "quarantine").iterdir()), "quarantined"
        request_logs = json.dumps([Admin(server).requests() for server in (tripletex_server, telaris_server)])
        sessions = [row[0] for row in tripletex_app.state.sandbox.store.db.query("SELECT token FROM session")]
    assert sessions, "the runs opened Tripletex sessions"
    secrets.update({f"session token {n}": token for n, token in enumerate(sessions)})
    assert leaks(tmp_path, output, secrets) == []
    assert [name for name, value in secrets.items() if value in request_logs] == [], "in a sandbox's request log"

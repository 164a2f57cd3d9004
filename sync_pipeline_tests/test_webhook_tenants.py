"""Webhooks per company: one receiver on loopback serves every registered company on `/webhooks/tripletex/<name>`,
each checked with its own credentials and landing in its own folder; `webhooks subscribe|replay --tenant NAME` act
for that company only, against a real Tripletex sandbox holding two companies behind one accountant's token pair."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import requests

from sync_pipeline.cli import main
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.tenants.directory import Directory
from sync_pipeline.tenants.registry import Registry
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.webhooks.receiver import PATH, ReceiverSettings, create_app, signature
from sync_pipeline_tests.conftest import Admin

ACCOUNTANT = "accountant-employee-token"
SINGLE = ("Bearer single-auth", "single-secret")
CREDENTIALS = {"fjord": ("Bearer fjord-auth", "fjord-secret"), "havn": ("Bearer havn-auth", "havn-secret")}
DELIVERY = {"subscriptionId": 1, "event": "customer.update", "id": 100001, "value": {"id": 100001}}


def register(root: Path, name: str, tripletex_url: str = "https://tripletex.example/v2", company_id: int = 0,
             **extra: str | None) -> None:
    upper = name.upper()
    fields = {"webhook_auth_env": f"{upper}_HOOK_AUTH", "webhook_secret_env": f"{upper}_HOOK_SECRET", **extra}
    Registry(root).add(name=name, tripletex_url=tripletex_url, telaris_url="https://telaris.example",
                       tripletex_consumer_token_env="ACCT_CONSUMER", tripletex_employee_token_env="ACCT_EMPLOYEE",
                       telaris_token_env="TELARIS_TOKEN", tripletex_company_id=company_id, **fields)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder whose registry holds fjord and havn, their credentials in this process's environment."""
    data = tmp_path / "data"
    monkeypatch.setenv("SYNC_DATA_DIR", str(data))
    monkeypatch.setenv("SYNC_TENANTS", "1")
    monkeypatch.setenv("ACCT_CONSUMER", "consumer")
    monkeypatch.setenv("ACCT_EMPLOYEE", ACCOUNTANT)
    monkeypatch.setenv("TELARIS_TOKEN", "telaris-token")
    for name, (auth, secret) in CREDENTIALS.items():
        monkeypatch.setenv(f"{name.upper()}_HOOK_AUTH", auth)
        monkeypatch.setenv(f"{name.upper()}_HOOK_SECRET", secret)
    register(data, "fjord")
    return data


@pytest.fixture
def receiver(root: Path) -> Iterator[BackgroundServer]:
    with BackgroundServer(create_app(ReceiverSettings(str(root), *SINGLE))) as server:
        yield server


def send(server: BackgroundServer, route: str, credentials: tuple[str | None, str], key: str = "key-1",
         body: bytes | None = None) -> requests.Response:
    body = body if body is not None else json.dumps(DELIVERY).encode()
    auth, secret = credentials
    headers = {"idempotency-key": key, "x-request-signature": signature(secret, key, body)}
    if auth is not None:
        headers["Authorization"] = auth
    return requests.post(server.url + route, data=body, headers=headers, timeout=10)


def landed(data_dir: Path, folder: str = "incoming") -> list[dict]:
    landing = Landing(data_dir)
    return [d.payload for d in landing.read(landing.folder(folder), sorted(
        p.name for p in landing.folder(folder).glob("*.json") if not p.name.endswith(".reason.json")))]


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_each_company_lands_in_its_own_folder_and_the_single_route_is_closed(root, receiver) -> None:
    register(root, "havn")
    assert send(receiver, f"{PATH}/fjord", CREDENTIALS["fjord"]).status_code == 200
    havn = {**DELIVERY, "event": "supplier.create", "id": 7}
    assert send(receiver, f"{PATH}/havn", CREDENTIALS["havn"], "havn-1", json.dumps(havn).encode()).status_code == 200
    # with companies, nothing reads the single company's folder: a delivery there would be accepted and lost
    single = {**DELIVERY, "id": 9}
    refused = send(receiver, PATH, SINGLE, body=json.dumps(single).encode())
    assert refused.status_code == 404 and "/webhooks/tripletex/<company>" in refused.text
    # the same key in another company is another delivery, not a redelivery
    assert send(receiver, f"{PATH}/havn", CREDENTIALS["havn"]).json()["status"] == "landed"
    assert landed(root / "tenants" / "fjord") == [DELIVERY]
    assert sorted(landed(root / "tenants" / "havn"), key=lambda p: p["id"]) == [havn, DELIVERY]
    assert landed(root) == []


def test_an_unknown_company_is_404_and_nothing_is_written(root, receiver) -> None:
    before = files(root)
    for name in ("nobody", "FJORD", "default", "fjord%2F..%2Fhavn"):
        answer = send(receiver, f"{PATH}/{name}", CREDENTIALS["fjord"])
        assert answer.status_code == 404, (name, answer.text)
    assert files(root) == before
    assert not (root / "tenants" / "nobody").exists()


@pytest.mark.parametrize("credentials", [
    (None, CREDENTIALS["fjord"][1]),  # no Authorization
    ("Bearer wrong", CREDENTIALS["fjord"][1]),
    (CREDENTIALS["fjord"][0], "another secret"),  # the right Authorization, a wrong signature
    CREDENTIALS["havn"],  # another company's credentials, however right they are there
    SINGLE,  # the single company's
])
def test_wrong_credentials_are_401_and_nothing_is_written(root, receiver, credentials) -> None:
    register(root, "havn")
    send(receiver, f"{PATH}/havn", CREDENTIALS["havn"], key="earlier")  # havn's folder exists and holds one
    before = files(root)
    answer = send(receiver, f"{PATH}/fjord", credentials)
    assert answer.status_code == 401, answer.text
    assert files(root) == before


def test_a_company_whose_credentials_are_missing_is_refused_and_says_so_only_in_the_log(
        root, monkeypatch, capfd) -> None:
    monkeypatch.delenv("HAVN_HOOK_SECRET")
    register(root, "havn")  # names HAVN_HOOK_SECRET, which this process lacks
    register(root, "open", webhook_auth_env=None, webhook_secret_env=None)
    with BackgroundServer(create_app(ReceiverSettings(str(root), *SINGLE))) as server:
        before = files(root)
        refused = send(server, f"{PATH}/havn", CREDENTIALS["havn"])
        assert refused.status_code == 401 and "HAVN_HOOK_SECRET" not in refused.text
        assert send(server, f"{PATH}/open", (None, "x")).status_code == 401, "without auth only where allowed"
        assert files(root) == before
    logged = capfd.readouterr().err
    assert "company havn: the environment variable HAVN_HOOK_SECRET is not set" in logged
    assert "company open names no webhook Authorization variable" in logged
    with BackgroundServer(create_app(ReceiverSettings(str(root), *SINGLE, tenants_without_auth=True))) as server:
        assert send(server, f"{PATH}/open", (None, "x")).status_code == 200  # a loopback or sandbox receiver
    assert landed(root / "tenants" / "open") == [DELIVERY]


def test_a_company_added_after_the_receiver_started_is_served_without_a_restart(root, receiver) -> None:
    assert send(receiver, f"{PATH}/havn", CREDENTIALS["havn"]).status_code == 404
    register(root, "havn")
    assert send(receiver, f"{PATH}/havn", CREDENTIALS["havn"]).status_code == 200
    assert landed(root / "tenants" / "havn") == [DELIVERY]
    Registry(root).remove("havn")
    assert send(receiver, f"{PATH}/havn", CREDENTIALS["havn"], key="key-2").status_code == 404
    assert send(receiver, f"{PATH}/fjord", CREDENTIALS["fjord"]).status_code == 200


def test_the_registry_is_parsed_again_only_when_its_file_changed(root) -> None:
    directory = Directory(lambda company: company.data_dir, root)
    assert directory.get("nobody") is None
    for _ in range(100):
        assert directory.get("fjord") == root / "tenants" / "fjord"
    assert directory.reloads == 1
    register(root, "havn")
    assert directory.get("havn") == root / "tenants" / "havn" and directory.reloads == 2
    Registry(root).remove("fjord")
    assert directory.get("fjord") is None and directory.reloads == 3
    (root / "tenants.json").unlink()
    assert directory.get("havn") is None


# ---- the terminal commands against a Tripletex sandbox holding two companies ------------------------------------


@pytest.fixture
def sandbox(root: Path, tripletex_server: BackgroundServer, tripletex_admin: Admin,
            receiver: BackgroundServer, monkeypatch: pytest.MonkeyPatch) -> BackgroundServer:
    """fjord is Tripletex company 1, havn company 2, both reached by one accountant's token pair."""
    answer = tripletex_admin.put("/companies", {"employee_token": ACCOUNTANT, "companies": [1, 2]})
    assert answer.status_code == 200, answer.text
    Registry(root).remove("fjord")
    register(root, "fjord", tripletex_server.url + "/v2", 1)
    register(root, "havn", tripletex_server.url + "/v2", 2)
    monkeypatch.setenv("SYNC_WEBHOOK_PUBLIC_URL", receiver.url + PATH)
    return tripletex_server


def company_client(server: BackgroundServer, company_id: int) -> TripletexClient:
    return TripletexClient(server.url + "/v2", "consumer", ACCOUNTANT, company_id=company_id, max_backoff=0.2)


def subscriptions(server: BackgroundServer, company_id: int) -> list[tuple[int, str, str, str]]:
    return sorted((s["id"], s["event"], s["targetUrl"], s["status"])
                  for s in company_client(server, company_id).subscriptions())


def wait_for_incoming(data_dir: Path, count: int, timeout: float = 10) -> list[dict]:
    deadline = time.monotonic() + timeout
    while len(found := landed(data_dir)) < count:
        assert time.monotonic() < deadline, f"expected {count} deliveries in {data_dir}, found {len(found)}"
        time.sleep(0.05)
    return found


def test_subscribing_one_company_leaves_the_others_subscriptions_alone_and_its_changes_land_in_its_folder(
        root, sandbox, receiver, capsys) -> None:
    assert main(["webhooks", "subscribe", "--tenant", "fjord"]) == 0
    fjord = subscriptions(sandbox, 1)
    assert len(fjord) == 6 and {(url, status) for _, _, url, status in fjord} == {
        (f"{receiver.url}{PATH}/fjord", "ACTIVE")}
    assert subscriptions(sandbox, 2) == []

    assert main(["webhooks", "subscribe", "--tenant", "havn"]) == 0
    assert subscriptions(sandbox, 1) == fjord
    havn = subscriptions(sandbox, 2)
    assert len(havn) == 6 and {url for _, _, url, _ in havn} == {f"{receiver.url}{PATH}/havn"}
    capsys.readouterr()
    assert main(["webhooks", "subscribe", "--tenant", "fjord"]) == 0
    assert capsys.readouterr().out.count(" kept ") == 6
    assert subscriptions(sandbox, 1) == fjord and subscriptions(sandbox, 2) == havn

    # each company's states in its own DuckDB file, none in the single company's
    for name, subs in (("fjord", fjord), ("havn", havn)):
        with duckdb.connect(str(root / "tenants" / name / "sync.duckdb"), read_only=True) as con:
            recorded = con.execute("SELECT subscription_id, target_url FROM webhook_subscriptions").fetchall()
        assert sorted(recorded) == sorted((sid, url) for sid, _, url, _ in subs)
    assert not (root / "sync.duckdb").exists()

    # the sandbox signs each company's deliveries with that company's secret; each reaches its own folder
    company_client(sandbox, 2).create(Kind.SUPPLIER, {"name": "Havn AS"})
    company_client(sandbox, 1).create(Kind.CUSTOMER, {"name": "Fjord AS"})
    [fjord_change] = wait_for_incoming(root / "tenants" / "fjord", 1)
    [havn_change] = wait_for_incoming(root / "tenants" / "havn", 1)
    assert (fjord_change["event"], fjord_change["value"]["name"]) == ("customer.create", "Fjord AS")
    assert (havn_change["event"], havn_change["value"]["name"]) == ("supplier.create", "Havn AS")
    assert landed(root) == []


def test_the_single_company_subscribes_and_records_as_before(root, sandbox, monkeypatch) -> None:
    monkeypatch.delenv("SYNC_TENANTS")
    monkeypatch.setenv("TRIPLETEX_CONSUMER_TOKEN", "consumer")
    monkeypatch.setenv("TRIPLETEX_EMPLOYEE_TOKEN", "employee-of-3")
    monkeypatch.setenv("TRIPLETEX_BASE_URL", sandbox.url + "/v2")
    monkeypatch.setenv("TRIPLETEX_WEBHOOK_AUTH", SINGLE[0])
    monkeypatch.setenv("TRIPLETEX_WEBHOOK_SECRET", SINGLE[1])
    assert Admin(sandbox).put("/companies", {"employee_token": "employee-of-3", "companies": [3]}).status_code == 200
    with BackgroundServer(create_app(ReceiverSettings(str(root), *SINGLE))) as receiver:  # a single-company one
        monkeypatch.setenv("SYNC_WEBHOOK_PUBLIC_URL", receiver.url + PATH)
        assert main(["webhooks", "subscribe"]) == 0
        own = TripletexClient(sandbox.url + "/v2", "consumer", "employee-of-3")
        assert {s["targetUrl"] for s in own.subscriptions()} == {receiver.url + PATH}
        assert subscriptions(sandbox, 1) == subscriptions(sandbox, 2) == []
        with duckdb.connect(str(root / "sync.duckdb"), read_only=True) as con:
            assert con.execute("SELECT DISTINCT target_url FROM webhook_subscriptions").fetchall() == [
                (receiver.url + PATH,)]
        own.create(Kind.CUSTOMER, {"name": "Tre AS"})
        [change] = wait_for_incoming(root, 1)
        assert change["value"]["name"] == "Tre AS"


def fail(data_dir: Path, key: str) -> None:
    """A delivery whose runs failed until it waits in failed/."""
    landing = Landing(data_dir)
    landing.land(key, {**DELIVERY, "id": len(key)})
    for attempt in range(3):
        landing.claim(f"{key}-{attempt}", limit=10)
        landing.settle(f"{key}-{attempt}", succeeded=False, reason="run failed")


def test_replay_puts_back_only_the_named_companys_failed_deliveries(root, capsys, monkeypatch) -> None:
    register(root, "havn")
    for data_dir in (root / "tenants" / "fjord", root / "tenants" / "havn", root):
        fail(data_dir, f"failed-in-{data_dir.name}")
    assert main(["webhooks", "replay", "--tenant", "fjord"]) == 0
    assert "1 failed delivery put back" in capsys.readouterr().out
    assert len(landed(root / "tenants" / "fjord")) == 1 and landed(root / "tenants" / "fjord", "failed") == []
    assert len(landed(root / "tenants" / "havn", "failed")) == 1 and landed(root / "tenants" / "havn") == []
    assert len(landed(root, "failed")) == 1 and landed(root) == []
    monkeypatch.delenv("SYNC_TENANTS")  # the deployment's single company
    assert main(["webhooks", "replay"]) == 0
    assert len(landed(root)) == 1 and len(landed(root / "tenants" / "havn", "failed")) == 1


def test_a_company_without_webhook_auth_is_not_subscribed_beyond_loopback(root, sandbox, capsys) -> None:
    """A company registered without --webhook-auth-env: the receiver refuses its deliveries (401) unless it runs on
    loopback, so subscribing it to a public address would send changes nobody lands. The command says so in one
    line and makes no subscription; on loopback (the sandbox) it subscribes."""
    register(root, "open", tripletex_url=sandbox.url + "/v2", company_id=2, webhook_auth_env=None,
             webhook_secret_env=None)
    public = "https://hooks.example.no/webhooks/tripletex"
    assert main(["webhooks", "subscribe", "--tenant", "open", "--url", public]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "company open names no webhook Authorization variable" in said[0], said
    assert "--webhook-auth-env" in said[0]
    assert subscriptions(sandbox, 2) == []
    assert main(["webhooks", "subscribe", "--tenant", "open", "--url", "http://127.0.0.1:9/webhooks/tripletex"]) == 0
    assert {url for _, _, url, _ in subscriptions(sandbox, 2)} == {"http://127.0.0.1:9/webhooks/tripletex/open"}


@pytest.mark.parametrize("action", ["subscribe", "replay"])
def test_an_unknown_company_stops_the_command_in_one_line_with_nothing_written(root, capsys, action) -> None:
    before = files(root)
    assert main(["webhooks", action, "--tenant", "nobody"]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "no company named 'nobody' (known: fjord)" in said[0], said
    assert files(root) == before and not (root / "tenants" / "nobody").exists()


def test_serve_takes_no_company_since_it_serves_them_all(root, capsys) -> None:
    assert main(["webhooks", "serve", "--tenant", "fjord"]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "/webhooks/tripletex/NAME" in said[0], said

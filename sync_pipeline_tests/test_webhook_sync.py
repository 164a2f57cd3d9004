"""The webhook path end to end, as the daemon drives it: Tripletex sandbox → receiver → landing files → sensor
evaluation → the run it asks for → both sandboxes; then a run status sensor settles the files."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from sync_pipeline.defs.extract.assets import extract_assets
from sync_pipeline.defs.sync.assets import sync_assets
from sync_pipeline.defs.sync.definitions import sync_job
from sync_pipeline.defs.webhooks.assets import tripletex_webhook_changes
from sync_pipeline.defs.webhooks.definitions import settling_sensors, tripletex_webhooks, webhook_sync_job
from sync_pipeline.defs.webhooks.in_process import InProcessDaemon
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.webhooks.receiver import PATH, ReceiverSettings, create_app
from sync_pipeline.webhooks.subscriptions import ensure_subscriptions
from sync_pipeline_tests.sync_helpers import SyncRig, linked_pair

AUTH, SECRET = "Bearer e2e-auth", "e2e-secret"


class WebhookRig(SyncRig):
    def __init__(self, *args, instance: dg.DagsterInstance) -> None:
        super().__init__(*args)
        self.instance = instance
        self.landing = Landing(self.db.parent)
        self.defs = dg.Definitions(assets=[*extract_assets, *sync_assets, tripletex_webhook_changes],
                                   jobs=[webhook_sync_job, sync_job], sensors=[tripletex_webhooks, *settling_sensors],
                                   resources=self.resources)
        self.daemon = InProcessDaemon(self.defs, instance, self.resources)

    def tick(self) -> list[dg.RunRequest]:
        """One sensor evaluation, every run it asks for executed as the daemon would launch it, their files settled
        by the run status sensors."""
        return self.daemon.tick()

    def wait_for_deliveries(self, count: int, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.landing.incoming()) < count:
            assert time.monotonic() < deadline, f"{len(self.landing.incoming())} of {count} deliveries landed"
            time.sleep(0.05)


@pytest.fixture
def rig(tripletex_server, telaris_server, tmp_path: Path, tripletex_admin, telaris_admin) -> Iterator[WebhookRig]:
    with dg.instance_for_test() as instance:
        yield WebhookRig(tripletex_server, telaris_server, tmp_path, tripletex_admin, telaris_admin,
                         instance=instance)


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[BackgroundServer]:
    with BackgroundServer(create_app(ReceiverSettings(str(tmp_path), auth=AUTH, secret=SECRET))) as server:
        yield server


def test_tripletex_changes_arrive_in_telaris_through_the_sensor(rig, receiver, tripletex_client,
                                                                telaris_client) -> None:
    t_supplier, x_supplier = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    t_customer, x_customer = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    gone = tripletex_client.create(Kind.SUPPLIER, {"name": "Snart Borte AS", "organizationNumber": "923609016"})
    t_gone = telaris_client.create(Kind.SUPPLIER, {"name": "Snart Borte AS", "tripletex_id": gone["id"]})
    rig.sync()
    assert rig.tick() == [], "nothing landed, nothing to run"
    ensure_subscriptions(tripletex_client, receiver.url + PATH, AUTH, SECRET)

    tripletex_client.update(Kind.SUPPLIER, x_supplier["id"], {"email": "ny.leverandor@fjord.no"})
    tripletex_client.update(Kind.CUSTOMER, x_customer["id"], {"phoneNumber": "+47 400 00 001"})
    new_customer = tripletex_client.create(Kind.CUSTOMER, {"name": "Bare I Tripletex AS"})
    new_supplier = tripletex_client.create(Kind.SUPPLIER, {"name": "Ny Via Webhook AS"})
    tripletex_client.delete(Kind.SUPPLIER, gone["id"])
    rig.wait_for_deliveries(5)
    rig.telaris_admin.clear_log()

    [request] = rig.tick()
    assert request.job_name == "tripletex_webhook_sync"
    assert telaris_client.get(Kind.SUPPLIER, t_supplier["id"])["email"] == "ny.leverandor@fjord.no"
    assert telaris_client.get(Kind.CUSTOMER, t_customer["id"])["phone"] == "+4740000001"
    suppliers = [r for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page]
    assert [s["name"] for s in suppliers if s["tripletex_id"] == new_supplier["id"]] == ["Ny Via Webhook AS"]
    customers = [r for page in telaris_client.iter_pages(Kind.CUSTOMER) for r in page]
    assert new_customer["id"] not in {c["tripletex_id"] for c in customers}, "a new customer is never imported"
    assert telaris_client.get(Kind.SUPPLIER, t_gone["id"])["tripletex_id"] == gone["id"], "a delete deletes nothing"
    assert rig.query("SELECT is_deleted FROM tripletex_suppliers WHERE tripletex_id = ?", [gone["id"]]) == [(True,)]

    assert rig.tick() == [], "the files of the finished run are settled, not run again"
    assert rig.landing.counts()["processed"] == 5 and rig.landing.counts()["incoming"] == 0
    assert rig.landing.claimed_batches() == []


def test_a_burst_is_taken_by_few_runs_and_a_failed_run_loses_nothing(rig, receiver, tripletex_client,
                                                                     telaris_client, tripletex_admin) -> None:
    ensure_subscriptions(tripletex_client, receiver.url + PATH, AUTH, SECRET)
    for n in range(30):
        tripletex_client.create(Kind.SUPPLIER, {"name": f"Burst {n} AS"})
    rig.wait_for_deliveries(30)
    tripletex_admin.fault(kind="status", status=503, count=None, method="GET", path="/v2/supplier")
    [request] = rig.daemon.evaluate(tripletex_webhooks).run_requests
    assert not rig.daemon.execute(request, raise_on_error=False).success
    assert len(rig.landing.incoming()) == 30, "the failed run's files went back as it ended"
    tripletex_admin.clear_faults()
    assert len(rig.tick()) == 1, "the failed run's files went back and were asked for again"
    assert rig.tick() == []
    imported = [r for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page]
    assert sorted(r["name"] for r in imported) == sorted(f"Burst {n} AS" for n in range(30))
    assert rig.landing.counts()["processed"] == 30


def test_a_disabled_subscription_is_recreated_and_a_catch_up_sync_runs(rig, receiver, tripletex_client,
                                                                       tripletex_admin) -> None:
    from sync_pipeline.defs.resources import TripletexWebhookResource
    from sync_pipeline.defs.webhooks.assets import tripletex_webhook_subscriptions

    resources = {**rig.resources, "tripletex_webhooks": TripletexWebhookResource(
        public_url=receiver.url + PATH, auth=AUTH, secret=SECRET)}
    first = dg.materialize([tripletex_webhook_subscriptions], resources=resources, instance=rig.instance)
    assert first.asset_materializations_for_node("tripletex_webhook_subscriptions")[0].metadata["active"].value == 6
    assert rig.tick() == [], "all six were created fresh: nothing was missed"
    victim = next(s for s in tripletex_client.subscriptions() if s["event"] == "supplier.update")
    assert tripletex_admin.put(f"/subscriptions/{victim['id']}/status",
                               {"status": "DISABLED_TOO_MANY_ERRORS"}).status_code == 204
    second = dg.materialize([tripletex_webhook_subscriptions], resources=resources, instance=rig.instance)
    shown = second.asset_materializations_for_node("tripletex_webhook_subscriptions")[0].metadata
    assert shown["recreated"].value == 1 and "DISABLED_TOO_MANY_ERRORS" in shown["subscriptions"].value
    assert {s["status"] for s in tripletex_client.subscriptions()} == {"ACTIVE"}
    [catch_up] = rig.tick()
    assert catch_up.job_name == "sync" and "supplier.update" in catch_up.tags["sync_pipeline/catch_up"]
    assert rig.tick() == [], "asked for once"


def test_a_catch_up_survives_a_tick_that_fails_after_reading_it(rig, monkeypatch) -> None:
    rig.tick()
    rig.landing.request_catch_up("subscriptions recreated: supplier.update")  # what the subscriptions job does

    def unreadable(*args, **kwargs):  # the landing folder failing mid-tick: a fault no sandbox produces
        raise OSError("Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(Landing, "incoming", unreadable)
        assert rig.tick() == [], "a company whose folder fails mid-tick asks for nothing that tick"
    [catch_up] = rig.tick()
    assert catch_up.job_name == "sync" and catch_up.tags["sync_pipeline/catch_up"].endswith("supplier.update")
    assert rig.tick() == [], "asked for once"
    assert rig.landing.catch_up_requests() == {}, "forgotten once a committed tick asked for its run"


def test_a_finished_runs_files_are_settled_by_its_run_status_sensor(rig, receiver, tripletex_client,
                                                                    monkeypatch) -> None:
    from sync_pipeline.defs.webhooks import definitions

    ensure_subscriptions(tripletex_client, receiver.url + PATH, AUTH, SECRET)
    for n in range(3):
        tripletex_client.create(Kind.SUPPLIER, {"name": f"Avgjort {n} AS"})
    rig.wait_for_deliveries(3)
    [request] = rig.daemon.evaluate(tripletex_webhooks).run_requests
    job = rig.defs.resolve_job_def(request.job_name)
    run = job.execute_in_process(instance=rig.instance, tags={"dagster/run_key": request.run_key})
    assert rig.landing.claimed_batches() == [run.run_id]
    assert rig.daemon.evaluate(tripletex_webhooks).run_requests == []
    assert rig.landing.claimed_batches() == [run.run_id], "the polling sensor leaves a fresh run to its own sensor"
    rig.daemon.settle()
    assert rig.landing.claimed_batches() == [] and rig.landing.counts()["processed"] == 3

    # a run that ended before the run status sensors were switched on is swept up once it is stranded
    for n in range(2):
        tripletex_client.create(Kind.SUPPLIER, {"name": f"Strandet {n} AS"})
    rig.wait_for_deliveries(2)
    [request] = rig.daemon.evaluate(tripletex_webhooks).run_requests
    run = job.execute_in_process(instance=rig.instance, tags={"dagster/run_key": request.run_key})
    InProcessDaemon(rig.defs, rig.instance, rig.resources).settle()  # switched on only now: it never sees that run
    assert rig.landing.claimed_batches() == [run.run_id]
    monkeypatch.setattr(definitions, "STRANDED_AFTER_SECONDS", 0.0)
    said = rig.daemon.evaluate(tripletex_webhooks).skip_reason.skip_message
    assert "settled stranded files: 2 processed" in said
    assert rig.landing.claimed_batches() == [] and rig.landing.counts()["processed"] == 5

"""The webhook path end to end, as the daemon drives it: Tripletex sandbox → receiver → landing files → sensor
evaluation → the run it asks for → both sandboxes; then the sensor settles the files."""

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
from sync_pipeline.defs.webhooks.definitions import tripletex_webhooks, webhook_sync_job
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
                                   jobs=[webhook_sync_job, sync_job], sensors=[tripletex_webhooks],
                                   resources=self.resources)

    def tick(self) -> list[dg.RunRequest]:
        """One sensor evaluation, and every run it asks for executed as the daemon would launch it."""
        sensor = self.defs.resolve_sensor_def("tripletex_webhooks")
        with dg.build_sensor_context(instance=self.instance, resources=self.resources) as context:
            result = sensor(context)
        requests = result.run_requests or []
        for request in requests:
            job = self.defs.resolve_job_def(request.job_name)
            tags = {**(request.tags or {}), "dagster/run_key": request.run_key}
            assert job.execute_in_process(instance=self.instance, run_config=request.run_config, tags=tags).success
        return requests

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
    with dg.build_sensor_context(instance=rig.instance, resources=rig.resources) as context:
        [request] = rig.defs.resolve_sensor_def("tripletex_webhooks")(context).run_requests
    failed = rig.defs.resolve_job_def(request.job_name).execute_in_process(
        instance=rig.instance, run_config=request.run_config, raise_on_error=False,
        tags={"dagster/run_key": request.run_key})
    assert not failed.success
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

"""Alerts to a chat webhook (a receiver on loopback): a failed run and a check at ERROR name the company and the
reason, once per change of state; the recovery is announced; a post that fails is posted again, not lost."""

from collections.abc import Iterator

import dagster as dg
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sync_pipeline.defs.alerts import alerts
from sync_pipeline.sandboxes.server import BackgroundServer


class ChatReceiver:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.refuse = False

    def app(self) -> Starlette:
        async def receive(request: Request) -> JSONResponse:
            if self.refuse:
                return JSONResponse({"ok": False}, status_code=503)
            self.texts.append((await request.json())["text"])
            return JSONResponse({"ok": True})

        return Starlette(routes=[Route("/hooks/alerts", receive, methods=["POST"])])


@pytest.fixture
def chat(monkeypatch) -> Iterator[ChatReceiver]:
    receiver = ChatReceiver()
    with BackgroundServer(receiver.app()) as server:
        monkeypatch.setenv("SYNC_ALERT_WEBHOOK_URL", server.url + "/hooks/alerts")
        yield receiver


class Switch(dg.Config):
    broken: bool = False
    findings: int = 0


@dg.asset
def tripletex_customers(config: Switch) -> None:
    if config.broken:
        raise RuntimeError("could not reach 127.0.0.1:8701: connection refused; check TRIPLETEX_BASE_URL")


@dg.asset_check(asset=tripletex_customers)
def number_mismatch(config: Switch) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=not config.findings, severity=dg.AssetCheckSeverity.ERROR,
                               description=f"{config.findings} found" if config.findings else "none found")


DEFS = dg.Definitions(assets=[tripletex_customers], asset_checks=[number_mismatch],
                      jobs=[dg.define_asset_job("sync")], sensors=[alerts])


def run(instance: dg.DagsterInstance, broken: bool = False, findings: int = 0) -> None:
    config = {"tripletex_customers": {"config": {"broken": broken}},
              "tripletex_customers_number_mismatch": {"config": {"findings": findings}}}
    DEFS.resolve_job_def("sync").execute_in_process(instance=instance, raise_on_error=False, run_config={"ops": config},
                                                    tags={"sync_pipeline/tenant": "fjord-bygg"})


def tick(instance: dg.DagsterInstance, cursor: str | None) -> str | None:
    with dg.build_sensor_context(instance=instance, cursor=cursor, definitions=DEFS) as context:
        alerts(context)
        return context.cursor


def test_a_failure_is_posted_once_with_company_and_reason_and_the_recovery_too(chat) -> None:
    with dg.instance_for_test() as instance:
        run(instance, broken=True)  # before the alerts were switched on: not replayed into the channel
        cursor = tick(instance, None)
        assert chat.texts == []
        run(instance, broken=True)
        cursor = tick(instance, cursor)
        run(instance, broken=True)
        cursor = tick(instance, cursor)
        assert len(chat.texts) == 1, chat.texts
        [failed] = chat.texts
        assert "company fjord-bygg" in failed and "sync failed" in failed and "connection refused" in failed
        run(instance)
        cursor = tick(instance, cursor)
        assert len(chat.texts) == 2 and "company fjord-bygg" in chat.texts[1] and "succeeded again" in chat.texts[1]
        tick(instance, cursor)
        assert len(chat.texts) == 2, "a quiet tick posted"


def test_a_check_at_error_is_posted_once_and_its_recovery(chat) -> None:
    with dg.instance_for_test() as instance:
        cursor = tick(instance, None)
        run(instance, findings=3)
        cursor = tick(instance, cursor)
        run(instance, findings=4)
        cursor = tick(instance, cursor)
        checks = [t for t in chat.texts if "check" in t]
        assert len(checks) == 1 and "number_mismatch" in checks[0] and "3 found" in checks[0]
        run(instance)
        tick(instance, cursor)
        assert "number_mismatch" in chat.texts[-1] and "✅" in chat.texts[-1]


def test_an_alert_whose_post_failed_is_posted_on_the_next_tick_and_nothing_twice(chat) -> None:
    with dg.instance_for_test() as instance:
        cursor = tick(instance, None)
        run(instance, broken=True)
        chat.refuse = True
        cursor = tick(instance, cursor)  # refused: kept for the next tick
        assert chat.texts == []
        chat.refuse = False
        cursor = tick(instance, cursor)
        tick(instance, cursor)
        assert len(chat.texts) == 1 and "failed" in chat.texts[0]


COMPANIES = dg.DynamicPartitionsDefinition(name="tenants")


@dg.asset(name="sync_plan", partitions_def=COMPANIES)
def company_plan() -> None:
    pass


@dg.asset_check(asset=company_plan, name="parked_forever")
def parked(config: Switch) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=not config.findings, severity=dg.AssetCheckSeverity.ERROR,
                               description=f"{config.findings} found" if config.findings else "none found")


PARTITIONED = dg.Definitions(assets=[company_plan], asset_checks=[parked],
                             jobs=[dg.define_asset_job("sync", partitions_def=COMPANIES)], sensors=[alerts])


def test_with_many_companies_each_companys_check_is_its_own_state(chat, monkeypatch) -> None:
    """A check at ERROR for one company is posted naming it, while another company's check passing (evaluated later)
    neither hides it nor announces a recovery that did not happen."""
    monkeypatch.setenv("SYNC_TENANTS", "1")

    def run_for(instance: dg.DagsterInstance, company: str, findings: int) -> None:
        PARTITIONED.resolve_job_def("sync").execute_in_process(
            instance=instance, partition_key=company, raise_on_error=False,
            run_config={"ops": {"sync_plan_parked_forever": {"config": {"findings": findings}}}})

    def tick_all(instance: dg.DagsterInstance, cursor: str | None) -> str | None:
        with dg.build_sensor_context(instance=instance, cursor=cursor, definitions=PARTITIONED) as context:
            alerts(context)
            return context.cursor

    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("tenants", ["fjord", "vik"])
        cursor = tick_all(instance, None)
        run_for(instance, "fjord", 2)
        run_for(instance, "vik", 0)  # the latest evaluation of the check overall: vik's, passing
        cursor = tick_all(instance, cursor)
        checks = [t for t in chat.texts if "check" in t]
        assert len(checks) == 1 and "company fjord" in checks[0] and "2 found" in checks[0], chat.texts
        run_for(instance, "vik", 5)
        cursor = tick_all(instance, cursor)
        checks = [t for t in chat.texts if "check" in t]
        assert len(checks) == 2 and "company vik" in checks[1] and "5 found" in checks[1], chat.texts
        run_for(instance, "fjord", 0)
        tick_all(instance, cursor)
        checks = [t for t in chat.texts if "check" in t]
        assert len(checks) == 3 and "company fjord" in checks[2] and "passes again" in checks[2], chat.texts


def test_with_many_companies_a_run_of_no_one_company_is_about_them_all(chat, monkeypatch) -> None:
    """In a deployment with companies, a run that serves none of them in particular (the health table, say) fails:
    the post says it concerns all companies, not a company called "default" that does not exist."""
    monkeypatch.setenv("SYNC_TENANTS", "1")
    with dg.instance_for_test() as instance:
        cursor = tick(instance, None)
        DEFS.resolve_job_def("sync").execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"ops": {"tripletex_customers": {"config": {"broken": True}}}})
        tick(instance, cursor)
    [failed] = [t for t in chat.texts if "failed" in t]
    assert "sync_pipeline · all companies: sync failed" in failed, chat.texts
    assert "default" not in failed

"""Resources: API clients and the DuckDB file, configured from the environment (secrets via dg.EnvVar).

With tenants (`SYNC_TENANTS=1`) a run works for the company its partition key names: each resource resolves that
company when the run starts (`setup_for_execution`) and uses its folder and credentials instead (`tenants.company`),
so assets and the engine never know whether there is one company or a thousand.
"""

import contextlib
import os
from pathlib import Path

import dagster as dg
from pydantic import Field, PrivateAttr

from sync_pipeline import settings
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.defs.run_queue import job_in_words, tenant_of
from sync_pipeline.tenants.company import Company, company
from sync_pipeline.tenants.registry import TenantError
from sync_pipeline.warehouse.store import Warehouse


def _require(resource: dg.ConfigurableResource, variables: dict[str, str]) -> None:
    """A run whose resource lacks a secret fails the steps that need it, each with one line naming the variable (the
    UI shows it as the step's failure). Left as a plain EnvVar, an unset variable fails Dagster's config check
    instead, where the run is launched, as a traceback of some hundred lines and no run to look at."""
    missing = [name for field, name in variables.items() if not getattr(resource, field)]
    if missing:
        raise dg.Failure(description="; ".join(settings.missing_message(name) for name in missing),
                         allow_retries=False)


def company_of_run(context: dg.InitResourceContext, root: str | None = None) -> Company | None:
    """The registered company a run works for (tenants only); a company that is not registered (any more) fails the
    run in one line."""
    run = context.dagster_run
    if run is None or not settings.multi_tenant():
        return None
    name = tenant_of(run.tags)
    if name is None:
        return None
    try:
        return company(name, root)
    except TenantError as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None


def _no_company() -> dg.Failure:
    return dg.Failure(description="this deployment serves several companies (SYNC_TENANTS=1) and this run names none: "
                                  "launch it for a partition (a company)", allow_retries=False)


def _tenant_client(make):
    """A company's client; a token variable that is not set fails the step in one line naming it."""
    try:
        return make()
    except (TenantError, settings.MissingSetting) as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None


class TripletexResource(dg.ConfigurableResource):
    base_url: str = Field(description="Tripletex API root, e.g. https://tripletex.no/v2")
    consumer_token: str | None = Field(default=None, description="TRIPLETEX_CONSUMER_TOKEN (an EnvVar)")
    employee_token: str | None = Field(default=None, description="TRIPLETEX_EMPLOYEE_TOKEN (an EnvVar)")
    company_id: int = Field(default=0, description="0 is the token's own company; an id for accountant clients")
    _company: Company | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._company = company_of_run(context)

    def client(self) -> TripletexClient:
        if self._company is not None:
            return _tenant_client(self._company.tripletex_client)
        if settings.multi_tenant():
            raise _no_company()
        _require(self, {"consumer_token": "TRIPLETEX_CONSUMER_TOKEN", "employee_token": "TRIPLETEX_EMPLOYEE_TOKEN"})
        return TripletexClient(self.base_url, self.consumer_token or "", self.employee_token or "",
                               company_id=self.company_id)


class TelarisResource(dg.ConfigurableResource):
    base_url: str = Field(description="Telaris root; the API lives under /api/v1")
    api_token: str | None = Field(default=None, description="TELARIS_API_TOKEN (an EnvVar)")
    _company: Company | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._company = company_of_run(context)

    def client(self) -> TelarisClient:
        if self._company is not None:
            return _tenant_client(self._company.telaris_client)
        if settings.multi_tenant():
            raise _no_company()
        _require(self, {"api_token": "TELARIS_API_TOKEN"})
        return TelarisClient(self.base_url, self.api_token or "")


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB file. A run holds it for writing from start to end (`Warehouse.writing`): the queue keeps queued
    runs of one file apart, and this keeps apart what bypasses the queue (`dagster job execute`, terminal commands),
    the waiting run saying in its log whom it waits for. Sensors and schedules build it too, and never take it."""

    data_dir: str = Field(description="Folder of the DuckDB file and the webhook landing folders; with tenants, "
                                      "the folder of the registry and of every company's folder")
    _company: Company | None = PrivateAttr(default=None)
    _run_warehouse: Warehouse | None = PrivateAttr(default=None)
    _held: contextlib.ExitStack | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        run = context.dagster_run
        self._company = company_of_run(context, self.data_dir)
        if run is None or (settings.multi_tenant() and self._company is None):
            return  # a sensor, or a run across companies (it reads each company's file in turn)
        self._run_warehouse = Warehouse(settings.duckdb_path(str(self.folder())),
                                        who=f"run {run.run_id[:8]} ({job_in_words(run.job_name)})",
                                        on_wait=context.log.info if context.log else None)
        self._held = contextlib.ExitStack()
        self._held.enter_context(self._run_warehouse.writing())

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None

    def tenant(self) -> Company | None:
        """The registered company the run works for (None: the single company of a deployment without tenants)."""
        return self._company

    def folder(self) -> Path:
        """The run's company's folder: its DuckDB file, landing folders and linking CSVs."""
        if self._company is not None:
            return self._company.data_dir
        if settings.multi_tenant():
            raise _no_company()
        return Path(self.data_dir)

    def warehouse(self) -> Warehouse:
        return self._run_warehouse or Warehouse(settings.duckdb_path(str(self.folder())))


class TripletexWebhookResource(dg.ConfigurableResource):
    public_url: str = Field(description="What the subscriptions point at: the receiver's public https URL")
    auth: str | None = Field(default=None, description="The Authorization value Tripletex sends (an EnvVar)")
    secret: str | None = Field(default=None, description="The subscriptions' hmacSharedSecret (an EnvVar)")


def _from_env(name: str) -> str | dg.EnvVar:
    """An EnvVar when the variable is set, else the sandbox default. Only for settings that are not secret."""
    return dg.EnvVar(name) if os.environ.get(name) else settings.DEFAULTS[name]


def _secrets(variables: dict[str, str]) -> dict[str, dg.EnvVar]:
    """The fields whose variable is set, as EnvVars; an unset one is left out (None), and the step that needs it
    fails naming it."""
    return {field: dg.EnvVar(name) for field, name in variables.items() if os.environ.get(name)}


def resources() -> dict[str, dg.ConfigurableResource]:
    """Secrets come only through EnvVar: the Launchpad and the run's config show the variable's name, never its
    value. A missing one fails the steps that need it, in one line naming the variable; `make ui` and
    `sync-pipeline demo` set the sandbox's tokens when nothing else has (see .env.example)."""
    return {
        "tripletex": TripletexResource(
            base_url=_from_env("TRIPLETEX_BASE_URL"),
            **_secrets({"consumer_token": "TRIPLETEX_CONSUMER_TOKEN", "employee_token": "TRIPLETEX_EMPLOYEE_TOKEN"}),
        ),
        "telaris": TelarisResource(base_url=_from_env("TELARIS_BASE_URL"),
                                   **_secrets({"api_token": "TELARIS_API_TOKEN"})),
        "warehouse": WarehouseResource(data_dir=_from_env("SYNC_DATA_DIR")),
        "tripletex_webhooks": TripletexWebhookResource(
            public_url=_from_env("SYNC_WEBHOOK_PUBLIC_URL"),
            **_secrets(dict(zip(("auth", "secret"), settings.WEBHOOK_SECRETS, strict=True))),
        ),
    }

"""One company's work, whoever does it: its folder and how to reach its two systems.

A deployment without tenants serves one company, configured by the environment (`TRIPLETEX_BASE_URL`,
`TRIPLETEX_CONSUMER_TOKEN`, …, `SYNC_DATA_DIR`). A deployment with tenants (`SYNC_TENANTS=1`) serves the companies of
the registry, each under `SYNC_DATA_DIR/tenants/<name>/`, its tokens read from the variables the registry names.
Everything that acts on a company's data (a run's resources, a terminal command with `--tenant`, the webhook
receiver, the change probes) asks `company(name)` and gets the same answer, so no layer keys anything by record id
alone or builds a client of its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sync_pipeline import settings
from sync_pipeline.tenants.registry import RESERVED_NAME, Registry, Tenant, TenantError

if TYPE_CHECKING:
    from sync_pipeline.clients.telaris import TelarisClient
    from sync_pipeline.clients.tripletex import TripletexClient

SINGLE = RESERVED_NAME  # the name of the one company of a deployment without tenants


@dataclass(frozen=True)
class Company:
    name: str
    data_dir: Path
    tripletex_url: str
    telaris_url: str
    tripletex_company_id: int = 0
    # the NAMES of the variables holding the credentials, never their values
    tripletex_consumer_token_env: str = "TRIPLETEX_CONSUMER_TOKEN"
    tripletex_employee_token_env: str = "TRIPLETEX_EMPLOYEE_TOKEN"
    telaris_token_env: str = "TELARIS_API_TOKEN"
    webhook_auth_env: str | None = settings.WEBHOOK_SECRETS[0]
    webhook_secret_env: str | None = settings.WEBHOOK_SECRETS[1]

    @property
    def is_tenant(self) -> bool:
        return self.name != SINGLE

    def secret(self, variable: str | None) -> str:
        """The value of a credential variable; unset, one line naming it (and the company, for a tenant)."""
        value = os.environ.get(variable or "")
        if value:
            return value
        if self.is_tenant:
            raise TenantError(f"company {self.name}: the environment variable {variable} is not set")
        raise settings.MissingSetting(variable or "?")

    def optional_secret(self, variable: str | None) -> str | None:
        return os.environ.get(variable) or None if variable else None

    def tripletex_client(self, **kwargs: object) -> TripletexClient:
        from sync_pipeline.clients.tripletex import TripletexClient

        return TripletexClient(self.tripletex_url, self.secret(self.tripletex_consumer_token_env),
                               self.secret(self.tripletex_employee_token_env), company_id=self.tripletex_company_id,
                               **kwargs)

    def telaris_client(self, **kwargs: object) -> TelarisClient:
        from sync_pipeline.clients.telaris import TelarisClient

        return TelarisClient(self.telaris_url, self.secret(self.telaris_token_env), **kwargs)

    def webhook_credentials(self) -> tuple[str | None, str | None]:
        """The Authorization value Tripletex sends this company's deliveries with, and their HMAC secret."""
        return self.optional_secret(self.webhook_auth_env), self.optional_secret(self.webhook_secret_env)

    @property
    def duckdb_path(self) -> Path:
        return self.data_dir / settings.DUCKDB_FILENAME


def data_root(root: str | Path | None = None) -> Path:
    return Path(root or settings.setting("SYNC_DATA_DIR"))


def from_environment(root: str | Path | None = None) -> Company:
    """The single company of a deployment without tenants."""
    return Company(name=SINGLE, data_dir=data_root(root), tripletex_url=settings.setting("TRIPLETEX_BASE_URL"),
                   telaris_url=settings.setting("TELARIS_BASE_URL"))


def of_tenant(tenant: Tenant, root: str | Path | None = None) -> Company:
    return Company(name=tenant.name, data_dir=tenant.data_dir(data_root(root)), tripletex_url=tenant.tripletex_url,
                   telaris_url=tenant.telaris_url, tripletex_company_id=tenant.tripletex_company_id,
                   tripletex_consumer_token_env=tenant.tripletex_consumer_token_env,
                   tripletex_employee_token_env=tenant.tripletex_employee_token_env,
                   telaris_token_env=tenant.telaris_token_env, webhook_auth_env=tenant.webhook_auth_env,
                   webhook_secret_env=tenant.webhook_secret_env)


def company(name: str | None = None, root: str | Path | None = None) -> Company:
    """The company a command or run works for: a registered tenant by name, else the environment's single company.
    A name nobody registered is refused in one line naming the known ones."""
    if not name or name == SINGLE:
        return from_environment(root)
    return of_tenant(Registry(data_root(root)).get(name), root)


def companies(root: str | Path | None = None) -> list[Company]:
    """Every company this deployment serves: the registry's in tenant mode, else the single one."""
    if not settings.multi_tenant():
        return [from_environment(root)]
    return [of_tenant(tenant, root) for tenant in Registry(data_root(root))]

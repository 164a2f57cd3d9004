"""The registry of companies one deployment serves.

Each company is a partition key in Dagster, a folder of its own (`SYNC_DATA_DIR/tenants/<name>/`: its DuckDB file,
its landing folders, its linking CSVs) and a set of credentials held *by reference*: the names of the environment
variables that hold its tokens, never the tokens. An accountant's token pair reaches several client companies, so
several companies may name the same variables and differ only in `tripletex_company_id` (Tripletex takes the company
in the Basic-auth user name).

The registry is one JSON file (`SYNC_DATA_DIR/tenants.json`), replaced atomically on every change, so it survives
restarts and a crash never leaves half a company in it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, field_validator

from sync_pipeline.settings import DUCKDB_FILENAME
from sync_pipeline.warehouse.lock import FileLock

# A partition key that is also a folder name, a Kubernetes label value and a URL path segment.
NAME_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$")
VARIABLE_PATTERN = re.compile(r"^[A-Z_][A-Z0-9_]*$")
REGISTRY_FILE = "tenants.json"
IDENTITY_FILE = "company.json"  # in a company's folder: the systems its data belongs to
RESERVED_NAME = "default"  # the DuckDB file of a deployment without tenants (defs.run_queue.SINGLE_FILE)
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


class TenantError(ValueError):
    """A company that cannot be added, found or used, in one line an operator can act on."""


class Tenant(BaseModel):
    name: str = Field(description="partition key and folder name")
    tripletex_url: str = Field(description="Tripletex API root, as TRIPLETEX_BASE_URL")
    telaris_url: str = Field(description="Telaris root, as TELARIS_BASE_URL")
    tripletex_consumer_token_env: str
    tripletex_employee_token_env: str
    telaris_token_env: str
    tripletex_company_id: int = Field(default=0, ge=0, description="0: the token pair's own company")
    webhook_auth_env: str | None = None
    webhook_secret_env: str | None = None
    added_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @field_validator("name")
    @classmethod
    def _name(cls, name: str) -> str:
        if name == RESERVED_NAME:
            raise ValueError(f"{name!r} is reserved for the single company of a deployment without tenants")
        if not NAME_PATTERN.match(name):
            raise ValueError(f"{name!r} is not a valid company name: use 1-63 lower-case letters, digits, '-' or '_', "
                             "starting and ending with a letter or digit")
        return name

    @field_validator("tripletex_url", "telaris_url")
    @classmethod
    def _url(cls, url: str) -> str:
        match = re.match(r"^(https?)://([^/:\s]+|\[[^\]]+\])", url)
        if not match:
            raise ValueError(f"{url!r} is not an http(s) URL")
        if match.group(1) == "http" and match.group(2) not in LOOPBACK:
            raise ValueError(f"{url!r} is plain http beyond this machine: tokens would travel unencrypted; use https")
        return url.rstrip("/")

    @field_validator("tripletex_consumer_token_env", "tripletex_employee_token_env", "telaris_token_env",
                     "webhook_auth_env", "webhook_secret_env")
    @classmethod
    def _variable(cls, name: str | None) -> str | None:
        if name is not None and not VARIABLE_PATTERN.match(name):
            raise ValueError(f"{name!r} is not an environment variable name (A-Z, 0-9, _): credentials are held by "
                             "the name of the variable that holds them, never as values")
        return name

    def identity(self) -> dict[str, object]:
        """The systems whose records the company's folder holds links to."""
        return {"tripletex_url": self.tripletex_url, "tripletex_company_id": self.tripletex_company_id,
                "telaris_url": self.telaris_url}

    def data_dir(self, root: str | Path) -> Path:
        return Path(root) / "tenants" / self.name


class Registry:
    """The companies in `<root>/tenants.json`."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.path = self.root / REGISTRY_FILE
        self.invalid: dict[str, str] = {}  # entries of the last read that did not validate, with why
        self._kept: list[object] = []

    def __iter__(self) -> Iterator[Tenant]:
        return iter(self._read().values())

    def names(self) -> list[str]:
        return sorted(self._read())

    def get(self, name: str) -> Tenant:
        tenants = self._read()
        if name in self.invalid:
            raise TenantError(f"company {name}: its entry in {self.path} is not valid ({self.invalid[name]}); "
                              "remove it and add it again")
        if name not in tenants:
            known = ", ".join(sorted(tenants)) or "none yet"
            raise TenantError(f"no company named {name!r} (known: {known}); add it with `sync-pipeline tenants add`")
        return tenants[name]

    def add(self, **fields: object) -> Tenant:
        try:
            tenant = Tenant(**fields)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise TenantError(f"company not added: {first['msg'].removeprefix('Value error, ')}") from None
        with self._changing():
            tenants = self._read()
            if tenant.name in tenants:
                raise TenantError(f"company not added: {tenant.name!r} exists already (remove it first to change it)")
            self._claim_folder(tenant)
            tenants[tenant.name] = tenant
            self._write(tenants)
        return tenant

    def _claim_folder(self, tenant: Tenant) -> None:
        """A removed company's folder is kept, links and base included. Its record ids mean other records in another
        Tripletex or Telaris company (ids repeat across companies), so a name is given again only to the same
        systems; the folder says which (`company.json`)."""
        folder = tenant.data_dir(self.root)
        stamp, identity = folder / IDENTITY_FILE, tenant.identity()
        if (folder / DUCKDB_FILENAME).exists():
            earlier = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else None
            if earlier != identity:
                raise TenantError(f"company not added: {folder} holds the data of an earlier company named "
                                  f"{tenant.name!r} ({earlier or 'systems unknown'}); move that folder away or choose "
                                  "another name")
        folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(identity), encoding="utf-8")

    def remove(self, name: str) -> Tenant | None:
        """The company's entry leaves the registry (an invalid one too: then None is returned)."""
        with self._changing():
            tenants = self._read()
            if name in self.invalid:
                self._kept = [e for e in self._kept if not (isinstance(e, dict) and e.get("name") == name)]
                self._write(tenants)
                return None
            tenant = self.get(name)
            del tenants[name]
            self._write(tenants)
        return tenant

    def _changing(self):
        """One change of the registry at a time (two `tenants add` at once would otherwise lose one)."""
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(Path(f"{self.path}.lock"), self.path).hold(exclusive=True, who=f"process {os.getpid()}",
                                                                   timeout=60)

    def _read(self) -> dict[str, Tenant]:
        """The valid entries. One that no longer validates (edited by hand, or written by another version) is left
        out, so that it stops only its own company: `get` names it and why (`invalid`)."""
        if not self.path.exists():
            return {}
        raw = json.loads(self.path.read_text(encoding="utf-8"))
        tenants, self.invalid, self._kept = {}, {}, []
        for entry in raw.get("tenants", []):
            try:
                tenants[entry["name"]] = Tenant(**entry)
            except (ValidationError, TypeError, KeyError) as exc:
                name = entry.get("name", "?") if isinstance(entry, dict) else "?"
                self._kept.append(entry)  # written back as it was: only `remove` drops it
                self.invalid[name] = str(exc).splitlines()[0] if not isinstance(exc, ValidationError) else \
                    exc.errors()[0]["msg"].removeprefix("Value error, ")
        return tenants

    def _write(self, tenants: dict[str, Tenant]) -> None:
        """Atomically: a temporary file beside the registry, fsynced, then renamed over it."""
        self.root.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"tenants": [t.model_dump(mode="json") for _, t in sorted(tenants.items())] + self._kept},
                          indent=2)
        with tempfile.NamedTemporaryFile("w", dir=self.root, prefix=".tenants-", delete=False,
                                         encoding="utf-8") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, self.path)

"""Configuration by environment, with defaults that point at the local sandboxes.

Pointing TRIPLETEX_BASE_URL at https://api-test.tripletex.tech/v2 (with real tokens) is all it takes to talk to
Tripletex's test environment instead of the sandbox.

Secrets have no default. The sandboxes' own tokens (`SANDBOX_SECRETS`) are given only by the sandbox commands
(`make demo`, `make ui`, `sync-pipeline demo`), through `use_sandbox_secrets`: a terminal command pointed at a real
Tripletex that quietly sent a sandbox token would fail far from its cause, or worse, talk to the wrong company.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULTS: dict[str, str] = {
    "TRIPLETEX_BASE_URL": "http://127.0.0.1:8701/v2",
    "TELARIS_BASE_URL": "http://127.0.0.1:8702",
    "SYNC_DATA_DIR": ".data",
    "SYNC_WEBHOOK_PUBLIC_URL": "http://127.0.0.1:8703/webhooks/tripletex",
}
SANDBOX_SECRETS: dict[str, str] = {
    "TRIPLETEX_CONSUMER_TOKEN": "sandbox-consumer-token",
    "TRIPLETEX_EMPLOYEE_TOKEN": "sandbox-employee-token",
    "TELARIS_API_TOKEN": "telaris-sandbox-token",
}
SECRETS = frozenset(SANDBOX_SECRETS)
# The webhook receiver's credentials: optional on loopback (a receiver without them accepts any delivery, which only
# a sandbox may do; `webhooks serve` on any other address refuses to start without TRIPLETEX_WEBHOOK_AUTH).
WEBHOOK_SECRETS = ("TRIPLETEX_WEBHOOK_AUTH", "TRIPLETEX_WEBHOOK_SECRET")
DUCKDB_FILENAME = "sync.duckdb"
# Set to 1, a deployment serves the companies of its registry (`sync-pipeline tenants add`), each a partition key with
# a folder of its own under SYNC_DATA_DIR/tenants/; unset, it serves the one company the variables above describe.
TENANTS_VARIABLE = "SYNC_TENANTS"


def multi_tenant() -> bool:
    """Whether this deployment serves the registry's companies (each a partition) rather than one company."""
    return os.environ.get(TENANTS_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


class MissingSetting(RuntimeError):
    """A variable the command needs is not set. Its text is the one line an operator reads."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(missing_message(name))


def missing_message(name: str) -> str:
    return (f"{name} is not set: export it or put it in .env (see .env.example); only the sandbox commands "
            "(make demo, make ui) use the sandboxes' tokens")


def use_sandbox_secrets() -> None:
    """Give each unset secret the sandboxes' own token (for the demo and `make ui` against the sandboxes): the
    resources read secrets only from the environment."""
    for name, value in SANDBOX_SECRETS.items():
        os.environ.setdefault(name, value)


def setting(name: str) -> str:
    """The variable's value, or its default; a secret without a value raises MissingSetting naming it."""
    value = os.environ.get(name)
    if value:
        return value
    if name in SECRETS:
        raise MissingSetting(name)
    return DEFAULTS[name]


def duckdb_path(data_dir: str | None = None) -> Path:
    return Path(data_dir or setting("SYNC_DATA_DIR")) / DUCKDB_FILENAME

"""Configuration by environment, with defaults that point at the local sandboxes.

Pointing TRIPLETEX_BASE_URL at https://api-test.tripletex.tech/v2 (with real tokens) is all it takes to talk to
Tripletex's test environment instead of the sandbox.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULTS: dict[str, str] = {
    "TRIPLETEX_BASE_URL": "http://127.0.0.1:8701/v2",
    "TRIPLETEX_CONSUMER_TOKEN": "sandbox-consumer-token",
    "TRIPLETEX_EMPLOYEE_TOKEN": "sandbox-employee-token",
    "TELARIS_BASE_URL": "http://127.0.0.1:8702",
    "TELARIS_API_TOKEN": "telaris-sandbox-token",
    "SYNC_DATA_DIR": ".data",
    "SYNC_WEBHOOK_PUBLIC_URL": "http://127.0.0.1:8703/webhooks/tripletex",
}
SECRETS = {"TRIPLETEX_CONSUMER_TOKEN", "TRIPLETEX_EMPLOYEE_TOKEN", "TELARIS_API_TOKEN"}
# The webhook receiver's credentials: optional (a receiver without them accepts any delivery, for the sandbox only).
WEBHOOK_SECRETS = ("TRIPLETEX_WEBHOOK_AUTH", "TRIPLETEX_WEBHOOK_SECRET")
DUCKDB_FILENAME = "sync.duckdb"


def use_sandbox_secrets() -> None:
    """Give each unset secret the sandboxes' own token (for the demo and `make ui` against the sandboxes): the
    resources read secrets only from the environment."""
    for name in SECRETS:
        os.environ.setdefault(name, DEFAULTS[name])


def setting(name: str) -> str:
    return os.environ.get(name) or DEFAULTS[name]


def duckdb_path(data_dir: str | None = None) -> Path:
    return Path(data_dir or setting("SYNC_DATA_DIR")) / DUCKDB_FILENAME

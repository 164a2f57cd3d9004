"""Companies for tests of a deployment with tenants: two client companies of one accountant (one Tripletex token pair,
company ids 1 and 2), each with its own Telaris, seeded differently, and the environment such a deployment runs in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync_pipeline.sandboxes import telaris
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline_tests.conftest import Admin
from sync_pipeline_tests.deployment import REPO

CLI = str(Path(sys.executable).parent / "sync-pipeline")
ACCOUNTANT = "accountant-employee-token"
SIZES = {"fjord": (40, 15), "vik": (25, 10)}  # customers, suppliers generated per company


@pytest.fixture
def second_telaris() -> Iterator[BackgroundServer]:
    with BackgroundServer(telaris.create_app()) as server:
        yield server


@pytest.fixture
def companies(tripletex_server, telaris_server, second_telaris, tmp_path: Path) -> dict[str, str]:
    """Company 1 (fjord) and 2 (vik) reached by one accountant's token pair, each with its own Telaris."""
    answer = Admin(tripletex_server).put("/companies", {"employee_token": ACCOUNTANT, "companies": [1, 2]})
    assert answer.status_code == 200, answer.text
    for company_id, (name, telaris_url) in enumerate((("fjord", telaris_server.url),
                                                       ("vik", second_telaris.url)), start=1):
        customers, suppliers = SIZES[name]
        seed_sandboxes(tripletex_server.url, telaris_url, customers=customers, suppliers=suppliers,
                       seed=20 + company_id, tripletex_company=company_id)
    return {"SYNC_DATA_DIR": str(tmp_path / "data"), "SYNC_TENANTS": "1", "SYNC_INITIAL_LINKING": "waived",
            "SYNC_PROBE_SECONDS": "0",  # runs only as the test launches them
            "ACCOUNTANT_CONSUMER": "consumer-token", "ACCOUNTANT_EMPLOYEE": ACCOUNTANT,
            "TELARIS_TOKEN": "telaris-sandbox-token", "TRIPLETEX": tripletex_server.url + "/v2",
            "TELARIS_FJORD": telaris_server.url, "TELARIS_VIK": second_telaris.url}


def cli(env: dict[str, str], *argv: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *argv], cwd=REPO, env=env, text=True, capture_output=True, timeout=timeout)


def add(env: dict[str, str], name: str, telaris_url: str, company_id: int, *more: str) -> None:
    done = cli(env, "tenants", "add", name, "--tripletex-url", env["TRIPLETEX"], "--telaris-url", telaris_url,
               "--tripletex-consumer-token-env", "ACCOUNTANT_CONSUMER",
               "--tripletex-employee-token-env", "ACCOUNTANT_EMPLOYEE", "--telaris-token-env", "TELARIS_TOKEN",
               "--tripletex-company-id", str(company_id), *more)
    assert done.returncode == 0, done.stderr



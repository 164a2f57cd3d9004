"""Fixtures: real sandboxes on loopback ports, real clients, real DuckDB files in tmp folders."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.sandboxes import telaris, tripletex
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.warehouse.store import Warehouse

DATA = Path(__file__).parent / "data"


def _temporary_files_in_memory(folder: str = "/dev/shm", free_bytes: int = 4 << 30) -> None:
    """Temporary folders in RAM (tmpfs) where the machine has one with room, unless TMPDIR says otherwise: every
    test's DuckDB file, DAGSTER_HOME (SQLite run and event storage, committed event by event) and sandbox data live
    in tmp folders, and on a disk each commit waits for its fsync (~12 ms here, against ~0.05 ms in RAM): a Dagster
    run spent a fifth of its time on them. What the tests prove does not depend on the disk: a SIGKILLed process
    leaves the same file in either. Set here, at import, before pytest picks its base folder; the workers and every
    process the tests start (Dagster's too) inherit it."""
    if os.environ.get("TMPDIR") or not os.path.isdir(folder) or not os.access(folder, os.W_OK | os.X_OK):
        return
    stats = os.statvfs(folder)
    if stats.f_bavail * stats.f_frsize >= free_bytes:
        os.environ["TMPDIR"] = folder
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again


_temporary_files_in_memory()
os.environ["SYNC_READ_DOTENV"] = "0"  # a developer's .env in the repository changes no test (the CLI reads it)
pytest_plugins = ["sync_pipeline_tests.companies"]  # the two-company fixtures of a deployment with tenants


class Admin:
    """The /_sandbox/ controls of one running sandbox."""

    def __init__(self, server: BackgroundServer) -> None:
        self.url = server.url + "/_sandbox"

    def fault(self, **spec: Any) -> None:
        requests.post(self.url + "/faults", json=spec, timeout=5).raise_for_status()

    def clear_faults(self) -> None:
        requests.delete(self.url + "/faults", timeout=5).raise_for_status()

    def rate_limit(self, limit: int, period_seconds: float) -> None:
        requests.put(self.url + "/rate-limit", json={"limit": limit, "period_seconds": period_seconds},
                     timeout=5).raise_for_status()

    def requests(self, path: str = "", method: str | None = None) -> list[dict[str, Any]]:
        params = {"path": path, **({"method": method} if method else {})}
        return requests.get(self.url + "/requests", params=params, timeout=5).json()["requests"]

    def clear_log(self) -> None:
        requests.delete(self.url + "/requests", timeout=5).raise_for_status()

    def bulk(self, kind: str, records: list[dict[str, Any]]) -> list[Any]:
        answer = requests.post(self.url + "/bulk", json={"kind": kind, "records": records}, timeout=60)
        assert answer.status_code == 201, answer.text
        return answer.json()["ids"]

    def post(self, path: str, body: Any = None) -> requests.Response:
        return requests.post(self.url + path, json=body, timeout=5)

    def put(self, path: str, body: Any) -> requests.Response:
        return requests.put(self.url + path, json=body, timeout=5)

    def get(self, path: str) -> Any:
        return requests.get(self.url + path, timeout=5).json()


# The suite's longest files, longest first (seconds on 2 cores: ~290, ~170, ~130, ~75, ~75, ~70, ~65, ~45). `make test`
# hands tests out one at a time (`--dist load --maxschedchunk 1`), so the two workers start on the two longest at once
# and share the short ones as they free up; in file order, one worker used to finish the convergence test alone.
LONGEST_FIRST = ("test_convergence.py", "test_concurrency.py", "test_secrets.py", "test_benchmarks.py",
                 "test_companies.py", "test_processes.py", "test_tenants.py", "test_launch_paths.py",
                 "test_sandbox_fuzzing.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: file order otherwise


@pytest.fixture(autouse=True)
def initial_linking_waived(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most tests are about the sync itself: they run as a company that waived the initial linking. The gate's own
    tests remove the waiver."""
    monkeypatch.setenv("SYNC_INITIAL_LINKING", "waived")


@pytest.fixture
def tripletex_server() -> Iterator[BackgroundServer]:
    with BackgroundServer(tripletex.create_app()) as server:
        yield server


@pytest.fixture
def telaris_server() -> Iterator[BackgroundServer]:
    with BackgroundServer(telaris.create_app()) as server:
        yield server


@pytest.fixture
def tripletex_admin(tripletex_server: BackgroundServer) -> Admin:
    return Admin(tripletex_server)


@pytest.fixture
def telaris_admin(telaris_server: BackgroundServer) -> Admin:
    return Admin(telaris_server)


@pytest.fixture
def tripletex_client(tripletex_server: BackgroundServer) -> TripletexClient:
    return TripletexClient(tripletex_server.url + "/v2", "consumer", "employee", max_backoff=0.5)


@pytest.fixture
def telaris_client(telaris_server: BackgroundServer) -> TelarisClient:
    return TelarisClient(telaris_server.url, "telaris-sandbox-token", max_backoff=0.5)


@pytest.fixture
def rig(tripletex_server, telaris_server, tmp_path: Path, tripletex_admin: Admin, telaris_admin: Admin):
    """The real sync (Dagster materialisations) against both sandboxes, with its DuckDB file in tmp_path."""
    from sync_pipeline_tests.sync_helpers import SyncRig

    return SyncRig(tripletex_server, telaris_server, tmp_path, tripletex_admin, telaris_admin)


@pytest.fixture
def warehouse(tmp_path: Path) -> Warehouse:
    return Warehouse(tmp_path / "sync.duckdb", memory_limit="512MB")


TELARIS_AUTH = {"Authorization": "Bearer telaris-sandbox-token"}

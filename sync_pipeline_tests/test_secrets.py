"""Tokens never leave the process in text: a sync run through Dagster's own CLI with sentinel tokens, failing at
session creation in every way a user meets (nothing listening, a 500, a 401), leaves no trace of them in the
console, in DAGSTER_HOME (event log, compute logs, run storage) or in the DuckDB file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from sync_pipeline_tests.conftest import Admin

REPO = Path(__file__).resolve().parent.parent
SENTINELS = {
    "TRIPLETEX_CONSUMER_TOKEN": "SENTINELconsumer7f3a",
    "TRIPLETEX_EMPLOYEE_TOKEN": "SENTINELemployee9c1d",
    "TELARIS_API_TOKEN": "SENTINELtelaris5e2b",
}
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens on loopback


def run_sync_cli(tmp_path: Path, tripletex_url: str, telaris_url: str) -> subprocess.CompletedProcess:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, **SENTINELS, "DAGSTER_HOME": str(home), "TRIPLETEX_BASE_URL": tripletex_url,
           "TELARIS_BASE_URL": telaris_url, "SYNC_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([str(Path(sys.executable).parent / "dagster"), "job", "execute", "-m",
                           "sync_pipeline.definitions", "-j", "sync"], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=600)


def leaks(tmp_path: Path, output: str) -> list[str]:
    found = [f"console: {name}" for name, value in SENTINELS.items() if value in output]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            found += [f"{path.relative_to(tmp_path)}: {name}" for name, value in SENTINELS.items()
                      if value.encode() in content]
    return found


def test_nothing_listening(tmp_path) -> None:
    run = run_sync_cli(tmp_path, CLOSED + "/v2", CLOSED)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "could not reach 127.0.0.1:9: connection refused; check TRIPLETEX_BASE_URL" in output
    assert "check TELARIS_BASE_URL" in output
    assert "(attempt 1 of 6); retrying in" in output, "retries are logged, not silent"
    assert (tmp_path / "data" / "sync.duckdb").exists() or (tmp_path / "dagster_home").exists()
    assert leaks(tmp_path, output) == []


@pytest.mark.parametrize("status", [500, 401])
def test_session_refused(tmp_path, tripletex_server, telaris_server, status) -> None:
    Admin(tripletex_server).fault(kind="status", status=status, count=None, path="/v2/token")
    if status == 500:
        Admin(telaris_server).fault(kind="status", status=500, count=None, path="/api/v1")
    # a 401 from Telaris needs no fault: it does not know the sentinel token
    run = run_sync_cli(tmp_path, tripletex_server.url + "/v2", telaris_server.url)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"tripletex PUT /token/session/:create answered {status}" in output
    assert f"telaris GET /api/v1/customers answered {status}" in output
    assert leaks(tmp_path, output) == []


def test_the_launchpad_shows_variable_names_not_tokens(monkeypatch) -> None:
    for name in SENTINELS:
        monkeypatch.delenv(name, raising=False)
    from sync_pipeline.defs.resources import resources

    configured = resources()
    for resource, field in (("tripletex", "consumer_token"), ("tripletex", "employee_token"),
                            ("telaris", "api_token")):
        value = getattr(configured[resource], field)
        assert isinstance(value, dg.EnvVar), f"{resource}.{field} is literal config"
        assert "sandbox" not in value and "token" not in value.lower().replace("_token", "")

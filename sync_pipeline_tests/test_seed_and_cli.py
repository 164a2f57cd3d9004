"""Seed data is deterministic and realistic; every CLI command explains itself."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import requests
from stdnum.no import orgnr

from sync_pipeline.cli import parse_args
from sync_pipeline.sandboxes import telaris, tripletex
from sync_pipeline.sandboxes.seed import seed_sandboxes, valid_orgnr
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline_tests.conftest import TELARIS_AUTH


def _all(server, path: str) -> list[dict]:
    return requests.get(server.url + path, headers=TELARIS_AUTH, params={"limit": 1000}, timeout=10).json()["items"]


def test_generated_organisation_numbers_are_valid() -> None:
    rng = random.Random(1)
    assert all(orgnr.is_valid(valid_orgnr(rng)) for _ in range(500))


def test_same_seed_gives_the_same_data(tripletex_server, telaris_server) -> None:
    first = seed_sandboxes(tripletex_server.url, telaris_server.url, customers=30, suppliers=30, seed=11)
    records = _all(telaris_server, "/api/v1/suppliers")
    with BackgroundServer(telaris.create_app()) as other_telaris, BackgroundServer(tripletex.create_app()) as other:
        second = seed_sandboxes(other.url, other_telaris.url, customers=30, suppliers=30, seed=11)
        again = _all(other_telaris, "/api/v1/suppliers")
    strip = [{k: v for k, v in r.items() if k != "updated_at"} for r in records]
    assert first == second
    assert strip == [{k: v for k, v in r.items() if k != "updated_at"} for r in again]


def test_seed_covers_every_scenario_and_foreign_suppliers(tripletex_server, telaris_server) -> None:
    summary = seed_sandboxes(tripletex_server.url, telaris_server.url, customers=300, suppliers=300, seed=2)
    for kind in ("customer", "supplier"):
        assert all(n > 0 for n in summary.scenarios[kind].values()), summary.scenarios
    suppliers = _all(telaris_server, "/api/v1/suppliers")
    countries = {s["address"]["country"] for s in suppliers}
    assert "NO" in countries and len(countries) > 1
    norwegian = [s for s in suppliers if s["address"]["country"] == "NO"]
    assert all(orgnr.is_valid(s["organisation_number"]) for s in norwegian)


@pytest.mark.parametrize("command", [[], ["sandbox"], ["seed"], ["demo"]])
def test_every_command_has_help(command: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", *command, "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "usage: sync-pipeline" in done.stdout


def test_sandbox_command_defaults_to_the_documented_ports() -> None:
    assert parse_args(["sandbox", "telaris"]).port == 8702
    assert parse_args(["sandbox", "tripletex"]).port == 8701
    assert parse_args(["sandbox", "tripletex", "--port", "9000"]).port == 9000
    help_text = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "sandbox", "--help"],
                               capture_output=True, text=True, timeout=60).stdout
    assert "8701" in help_text and "8702" in help_text

"""Adding and removing companies from a terminal: no code change, no restart; a bad name or a credential given as a
value is refused in one line with nothing half-added; the registry and the Dagster partitions agree and survive."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from sync_pipeline.defs.tenants import TENANTS
from sync_pipeline.tenants.company import company
from sync_pipeline.tenants.registry import Registry, TenantError
from sync_pipeline_tests.deployment import REPO

CLI = str(Path(sys.executable).parent / "sync-pipeline")
ADD = ["--tripletex-url", "http://127.0.0.1:8701/v2", "--telaris-url", "http://127.0.0.1:8702",
       "--tripletex-consumer-token-env", "REGNSKAP_CONSUMER", "--tripletex-employee-token-env", "REGNSKAP_EMPLOYEE",
       "--telaris-token-env", "TELARIS_TOKEN_FJORD"]


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(REPO / "dagster.yaml", dagster_home / "dagster.yaml")
    return {**os.environ, "DAGSTER_HOME": str(dagster_home), "SYNC_DATA_DIR": str(tmp_path / "data")}


def cli(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "tenants", *argv], env=env, capture_output=True, text=True, timeout=120)


def partitions(env: dict[str, str]) -> list[str]:
    os.environ["DAGSTER_HOME"] = env["DAGSTER_HOME"]  # dagster.yaml reads it
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        return sorted(instance.get_dynamic_partitions(TENANTS.name))


def test_companies_are_added_listed_and_removed_from_a_terminal(home, monkeypatch) -> None:
    monkeypatch.setenv("DAGSTER_HOME", home["DAGSTER_HOME"])
    assert cli(home, "add", "fjord-bygg", *ADD, "--tripletex-company-id", "7").returncode == 0
    assert cli(home, "add", "havn_elektro", *ADD).returncode == 0  # the same accountant's token pair
    listed = [json.loads(line) for line in cli(home, "list", "--json").stdout.splitlines()]
    assert [(t["name"], t["tripletex_company_id"]) for t in listed] == [("fjord-bygg", 7), ("havn_elektro", 0)]
    assert partitions(home) == ["fjord-bygg", "havn_elektro"]
    registry = Path(home["SYNC_DATA_DIR"]) / "tenants.json"
    assert "REGNSKAP_EMPLOYEE" in registry.read_text()

    removed = cli(home, "remove", "fjord-bygg")
    assert removed.returncode == 0 and "kept" in removed.stdout
    assert partitions(home) == ["havn_elektro"]
    assert [t.name for t in Registry(home["SYNC_DATA_DIR"])] == ["havn_elektro"]


@pytest.mark.parametrize(("name", "extra", "said"), [
    ("Fjord Bygg", [], "not a valid company name"),
    ("fjord/../x", [], "not a valid company name"),
    ("fjord", ["--telaris-token-env", "s3cr3t-token-value"], "not an environment variable name"),
    ("fjord", ["--tripletex-url", "tripletex.no"], "not an http(s) URL"),
    ("fjord", ["--tripletex-url", "http://tripletex.no/v2"], "tokens would travel unencrypted"),
    ("default", [], "reserved"),
])
def test_a_bad_company_is_refused_in_one_line_and_nothing_is_added(home, monkeypatch, name, extra, said) -> None:
    monkeypatch.setenv("DAGSTER_HOME", home["DAGSTER_HOME"])
    done = cli(home, "add", name, *ADD, *extra)
    assert done.returncode == 2 and said in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert list(Registry(home["SYNC_DATA_DIR"])) == [] and partitions(home) == []


def test_a_company_added_twice_is_refused(home, monkeypatch) -> None:
    monkeypatch.setenv("DAGSTER_HOME", home["DAGSTER_HOME"])
    assert cli(home, "add", "fjord", *ADD).returncode == 0
    again = cli(home, "add", "fjord", *ADD)
    assert again.returncode == 2 and "exists already" in again.stderr


def test_a_missing_credential_is_named_in_one_line(tmp_path: Path, monkeypatch) -> None:
    registry = Registry(tmp_path)
    registry.add(name="fjord", tripletex_url="https://tripletex.no/v2", telaris_url="https://fjord.telaris.no",
                          tripletex_consumer_token_env="C_TOKEN", tripletex_employee_token_env="E_TOKEN",
                          telaris_token_env="T_TOKEN")
    monkeypatch.delenv("E_TOKEN", raising=False)
    monkeypatch.setenv("C_TOKEN", "consumer")
    with pytest.raises(TenantError, match="company fjord: the environment variable E_TOKEN is not set"):
        company("fjord", tmp_path).tripletex_client()
    monkeypatch.setenv("E_TOKEN", "value")
    assert company("fjord", tmp_path).tripletex_client().base_url.startswith("https://tripletex.no/v2")
    assert Registry(tmp_path).get("fjord").data_dir(tmp_path) == tmp_path / "tenants" / "fjord"


def test_an_entry_that_no_longer_validates_stops_only_its_own_company(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.add(name="fjord", tripletex_url="https://tripletex.no/v2", telaris_url="https://fjord.telaris.no",
                 tripletex_consumer_token_env="C_TOKEN", tripletex_employee_token_env="E_TOKEN",
                 telaris_token_env="T_TOKEN")
    raw = json.loads(registry.path.read_text())
    raw["tenants"].append({**raw["tenants"][0], "name": "vik", "telaris_url": "http://vik.example"})  # by hand
    registry.path.write_text(json.dumps(raw))
    assert Registry(tmp_path).names() == ["fjord"]
    with pytest.raises(TenantError, match="company vik: its entry .* is not valid .*plain http"):
        Registry(tmp_path).get("vik")
    Registry(tmp_path).add(name="nord", tripletex_url="https://tripletex.no/v2", telaris_url="https://n.telaris.no",
                           tripletex_consumer_token_env="C_TOKEN", tripletex_employee_token_env="E_TOKEN",
                           telaris_token_env="T_TOKEN")
    assert "vik" in registry.path.read_text(), "another change keeps the invalid entry for a person to see"
    assert Registry(tmp_path).remove("vik") is None
    assert "vik" not in registry.path.read_text() and Registry(tmp_path).names() == ["fjord", "nord"]


def test_a_company_is_added_and_removed_from_the_launchpad(tmp_path: Path, monkeypatch) -> None:
    """The jobs `add_company` / `remove_company`: the UI's way to what `tenants add|remove` does, with the same
    refusals (a run that fails in one line, nothing half-added)."""
    from sync_pipeline.defs.tenants import add_company, remove_company

    monkeypatch.setenv("SYNC_DATA_DIR", str(tmp_path))
    company = {"name": "fjord", "tripletex_url": "https://tripletex.no/v2", "telaris_url": "https://f.telaris.no",
               "tripletex_consumer_token_env": "C_TOKEN", "tripletex_employee_token_env": "E_TOKEN",
               "telaris_token_env": "T_TOKEN", "tripletex_company_id": 7}
    with dg.instance_for_test() as instance:
        done = add_company.execute_in_process(instance=instance,
                                              run_config={"ops": {"add_company_op": {"config": company}}})
        assert done.success and Registry(tmp_path).get("fjord").tripletex_company_id == 7
        assert instance.get_dynamic_partitions(TENANTS.name) == ["fjord"]
        refused = add_company.execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"ops": {"add_company_op": {"config": {**company, "name": "Fjord Bygg"}}}})
        assert not refused.success
        [failure] = [e for e in refused.all_events if e.is_step_failure]
        assert "not a valid company name" in failure.step_failure_data.error.message
        assert Registry(tmp_path).names() == ["fjord"] and instance.get_dynamic_partitions(TENANTS.name) == ["fjord"]
        forget = {"ops": {"remove_company_op": {"config": {"name": "fjord"}}}}
        gone = remove_company.execute_in_process(instance=instance, run_config=forget)
        assert gone.success and Registry(tmp_path).names() == [] and instance.get_dynamic_partitions(TENANTS.name) == []


def test_a_name_given_again_to_other_systems_does_not_inherit_the_old_companys_links(tmp_path: Path) -> None:
    """A removed company's folder is kept; its links name record ids that mean other records elsewhere."""
    fields = {"tripletex_url": "https://tripletex.no/v2", "telaris_url": "https://f.telaris.no",
              "tripletex_consumer_token_env": "C_TOKEN", "tripletex_employee_token_env": "E_TOKEN",
              "telaris_token_env": "T_TOKEN"}
    registry = Registry(tmp_path)
    registry.add(name="fjord", tripletex_company_id=7, **fields)
    (tmp_path / "tenants" / "fjord" / "sync.duckdb").write_bytes(b"")  # it has synced: links and base
    registry.remove("fjord")
    with pytest.raises(TenantError, match="holds the data of an earlier company named 'fjord'"):
        registry.add(name="fjord", tripletex_company_id=8, **fields)
    assert registry.names() == []
    assert registry.add(name="fjord", tripletex_company_id=7, **fields).name == "fjord", "the same company comes back"

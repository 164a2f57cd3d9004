"""A real Dagster deployment for tests: the project's own dagster.yaml in a fresh DAGSTER_HOME, `dagster-daemon`,
and optionally `dagster-webserver`, whose GraphQL endpoint is driven exactly as the UI drives it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg
import requests

from sync_pipeline_tests.child_processes import start_group, stop

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCATION = {"repositoryLocationName": "sync_pipeline", "repositoryName": "__repository__"}

LAUNCH_RUN = """
mutation LaunchRun($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message stack }
    ... on InvalidSubsetError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""
LAUNCH_BACKFILL = """
mutation LaunchPartitionBackfill($backfillParams: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $backfillParams) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message stack }
    ... on PartitionKeysNotFoundError { message }
  }
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Deployment:
    home: Path
    env: dict[str, str]
    graphql_url: str | None = None
    processes: list[subprocess.Popen] = field(default_factory=list)

    def instance(self) -> dg.DagsterInstance:
        return dg.DagsterInstance.from_config(str(self.home))

    def graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        assert self.graphql_url, "started without the webserver"
        answer = requests.post(self.graphql_url, json={"query": query, "variables": variables}, timeout=60)
        answer.raise_for_status()
        body = answer.json()
        assert "errors" not in body, body["errors"]
        return body["data"]

    def launch_job(self, job: str, tags: dict[str, str] | None = None) -> str:
        """The Launchpad's "Launch run" of a job."""
        return self._launch({"selector": {**LOCATION, "jobName": job}, "runConfigData": {},
                             "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]}})

    def materialize(self, *assets: str, checks: list[tuple[str, str]] | None = None) -> str:
        """The asset graph's "Materialize selected" (or "Execute checks" with no assets): Dagster's implicit asset
        job with an asset selection, no job tags."""
        selector = {**LOCATION, "jobName": "__ASSET_JOB", "assetSelection": [{"path": [a]} for a in assets],
                    "assetCheckSelection": [{"assetKey": {"path": [a]}, "name": n} for a, n in checks or []]}
        return self._launch({"selector": selector, "runConfigData": {}, "executionMetadata": {"tags": []}})

    def backfill(self, assets: list[str], partitions: list[str]) -> str:
        """Materialize → choose partitions → Launch backfill, in the asset graph."""
        data = self.graphql(LAUNCH_BACKFILL, {"backfillParams": {
            "assetSelection": [{"path": [a]} for a in assets], "partitionNames": partitions, "fromFailure": False}})
        result = data["launchPartitionBackfill"]
        assert result["__typename"] == "LaunchBackfillSuccess", result
        return result["backfillId"]

    def _launch(self, params: dict[str, Any]) -> str:
        result = self.graphql(LAUNCH_RUN, {"executionParams": {"mode": "default", **params}})["launchRun"]
        assert result["__typename"] == "LaunchRunSuccess", result
        return result["run"]["runId"]

    def wait_for_sensor_run(self, sensor: str, timeout: float) -> dg.DagsterRun:
        """Until the sensor has started a run (queued is enough); fails at the deadline. A test that launches more
        runs of the sensor's job waits for this first: while one of them is queued the sensor rightly skips, and it
        may drain the delivery the sensor was meant to see."""
        deadline = time.monotonic() + timeout
        with self.instance() as instance:
            while True:
                runs = instance.get_runs(dg.RunsFilter(tags={"dagster/sensor_name": sensor}))
                if runs:
                    return runs[0]
                assert time.monotonic() < deadline, f"after {timeout:.0f} s: no run from the sensor {sensor}"
                time.sleep(0.5)

    def wait_for_runs(self, count: int, timeout: float) -> list[dg.DagsterRun]:
        """Until `count` runs exist and all have finished; fails naming what is still going at the deadline."""
        deadline = time.monotonic() + timeout
        with self.instance() as instance:
            while True:
                runs = instance.get_runs()
                if len(runs) >= count and all(r.is_finished for r in runs):
                    return runs
                if time.monotonic() > deadline:
                    going = [(r.job_name, r.status.value) for r in runs if not r.is_finished]
                    raise AssertionError(f"after {timeout:.0f} s: {len(runs)} of {count} runs, still going: {going}")
                time.sleep(1)


def daemon_command(sensor_loop_seconds: float | None) -> list[str]:
    """`dagster-daemon run`; with `sensor_loop_seconds`, the same daemon whose sensor loop looks at the sensors that
    often instead of every 5 s (Dagster's MIN_INTERVAL_LOOP_TIME, not configurable): each sensor still ticks no more
    often than its own minimum interval. For a test that waits on sensor ticks, not on how often Dagster looks."""
    if sensor_loop_seconds is None:
        return [str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"]
    code = ("import sys; import dagster._daemon.sensor as sensor; "
            f"sensor.MIN_INTERVAL_LOOP_TIME = {float(sensor_loop_seconds)!r}; "
            "from dagster._daemon.cli import main; sys.argv[0] = 'dagster-daemon'; sys.exit(main())")
    return [sys.executable, "-c", code, "run", "-w", "workspace.yaml"]


@contextlib.contextmanager
def deployment(tmp_path: Path, env: dict[str, str], *, webserver: bool = False,
               dagster_yaml: Path = REPO / "dagster.yaml",
               sensor_loop_seconds: float | None = None) -> Iterator[Deployment]:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(dagster_yaml, home / "dagster.yaml")
    env = {**os.environ, **env, "DAGSTER_HOME": str(home)}
    previous_home = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)  # dagster.yaml reads it, in this process too
    with dg.DagsterInstance.from_config(str(home)):  # storage created once, before several processes open it
        pass
    deployed = Deployment(home, env)
    logs = (tmp_path / "daemon.log").open("w")
    try:
        deployed.processes.append(start_group(daemon_command(sensor_loop_seconds),
                                              cwd=REPO, env=env, stdout=logs, stderr=subprocess.STDOUT))
        if webserver:
            port = free_port()
            deployed.processes.append(start_group(
                [str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
                cwd=REPO, env=env, stdout=logs, stderr=subprocess.STDOUT))
            deployed.graphql_url = f"http://127.0.0.1:{port}/graphql"
            _wait_for_code_location(deployed.graphql_url, deployed.processes[-1])
        yield deployed
    finally:
        for process, what in zip(deployed.processes, ("dagster-daemon", "dagster-webserver"), strict=False):
            stop(process, what, timeout=60)  # with the code servers and runs it started
        logs.close()
        if previous_home is None:
            os.environ.pop("DAGSTER_HOME", None)
        else:
            os.environ["DAGSTER_HOME"] = previous_home


REPOSITORIES = "{ repositoriesOrError { __typename ... on RepositoryConnection { nodes { name } } } }"


def _wait_for_code_location(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """The webserver answers before it has loaded the code location; the UI would show it loading."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "dagster-webserver exited while starting"
        with contextlib.suppress(requests.RequestException, ValueError, KeyError):
            answer = requests.post(url, json={"query": REPOSITORIES}, timeout=5).json()
            if answer["data"]["repositoriesOrError"].get("nodes"):
                return
        time.sleep(0.5)
    raise AssertionError(f"dagster-webserver did not serve the code location at {url} within {timeout} s")

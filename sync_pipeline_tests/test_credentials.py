"""Credentials and configuration: only the sandbox commands use the sandboxes' tokens; a command or a Dagster run
missing a variable says which one, in one line; a refused token is named; the webhook receiver will not listen
beyond loopback without its auth unless told it serves a sandbox."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
import requests

from sync_pipeline.clients.errors import Unauthorized
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes import tripletex
from sync_pipeline.sandboxes.server import BackgroundServer

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECRET_VARIABLES = ("TRIPLETEX_CONSUMER_TOKEN", "TRIPLETEX_EMPLOYEE_TOKEN", "TELARIS_API_TOKEN",
                    "TRIPLETEX_WEBHOOK_AUTH", "TRIPLETEX_WEBHOOK_SECRET")


def environment(**extra: str) -> dict[str, str]:
    """This process's environment without any credential, plus `extra`."""
    return {**{k: v for k, v in os.environ.items() if k not in SECRET_VARIABLES}, **extra}


def cli(*args: str, env: dict[str, str], timeout: float = 120, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync_pipeline.cli", *args], env=env, capture_output=True,
                          text=True, timeout=timeout, cwd=cwd)


def test_link_without_tokens_names_the_variable_and_sends_nothing(tripletex_server, telaris_server, tripletex_admin,
                                                                   telaris_admin, tmp_path) -> None:
    """Today `link` quietly sends the sandboxes' tokens, which these sandboxes accept."""
    env = environment(TRIPLETEX_BASE_URL=tripletex_server.url + "/v2", TELARIS_BASE_URL=telaris_server.url)
    done = cli("link", "--kind", "customer", "--data", str(tmp_path / "data"), env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "TELARIS_API_TOKEN is not set" in done.stderr, done.stderr
    assert telaris_admin.requests() == [] and tripletex_admin.requests() == [], "nothing was sent"
    env["TELARIS_API_TOKEN"] = "telaris-sandbox-token"
    done = cli("link", "--kind", "customer", "--data", str(tmp_path / "data"), env=env)
    assert done.returncode == 2 and "TRIPLETEX_CONSUMER_TOKEN is not set" in done.stderr, done.stderr

    # "or put it in .env", as the error says: a .env in the working directory (quoted as .env.example writes it)
    # fills what the environment lacks, and never overrides what it sets
    (tmp_path / ".env").write_text('TRIPLETEX_CONSUMER_TOKEN="consumer"\nTRIPLETEX_EMPLOYEE_TOKEN=employee\n'
                                   'TELARIS_API_TOKEN=not-this-one\n')
    env.pop("SYNC_READ_DOTENV")  # the suite's own guard against a developer's .env
    done = cli("link", "--kind", "customer", "--data", str(tmp_path / "data"), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "customers: no Telaris customer without a link" in done.stdout
    # a command whose options default to the environment (seed's URLs) reads them from .env too
    (tmp_path / ".env").write_text("TRIPLETEX_BASE_URL=http://127.0.0.1:9/v2\n")
    seeded = cli("seed", "--customers", "1", "--suppliers", "1", env={k: v for k, v in env.items()
                                                                      if k != "TRIPLETEX_BASE_URL"}, cwd=tmp_path)
    assert seeded.returncode == 2 and "port=9)" in seeded.stderr, seeded.stderr


def _dagster_home(tmp_path: Path) -> Path:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    return home


def test_a_dagster_run_without_tokens_fails_naming_the_variable(tmp_path, monkeypatch) -> None:
    """Today Dagster refuses the run's config where it is launched: some hundred lines of traceback around
    PostProcessingError, and no run in the UI to look at."""
    home = _dagster_home(tmp_path)
    env = environment(DAGSTER_HOME=str(home), SYNC_DATA_DIR=str(tmp_path / "data"),
                      TRIPLETEX_BASE_URL="http://127.0.0.1:9/v2", TELARIS_BASE_URL="http://127.0.0.1:9")
    launched = subprocess.run([str(BIN / "dagster"), "job", "launch", "-m", "sync_pipeline.definitions", "-j", "sync"],
                              env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert launched.returncode == 0, launched.stderr[-3000:]
    assert "PostProcessingError" not in launched.stdout + launched.stderr

    executed = subprocess.run([str(BIN / "dagster"), "job", "execute", "-m", "sync_pipeline.definitions", "-j",
                               "sync"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    output = executed.stdout + executed.stderr
    assert executed.returncode != 0
    assert "PostProcessingError" not in output and "DagsterInvalidConfigError" not in output
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # what dagster.yaml's storage reads
    with dg.DagsterInstance.from_config(str(home)) as instance:
        failed = [run for run in instance.get_runs() if run.status == dg.DagsterRunStatus.FAILURE]
        assert len(failed) == 1
        events = instance.all_logs(failed[0].run_id, of_type=dg.DagsterEventType.STEP_FAILURE)
        said = {event.dagster_event.step_failure_data.user_failure_data.description for event in events}
    assert said == {
        "TELARIS_API_TOKEN is not set: export it or put it in .env (see .env.example); only the sandbox commands "
        "(make demo, make ui) use the sandboxes' tokens",
        "TRIPLETEX_CONSUMER_TOKEN is not set: export it or put it in .env (see .env.example); only the sandbox "
        "commands (make demo, make ui) use the sandboxes' tokens; TRIPLETEX_EMPLOYEE_TOKEN is not set: export it or "
        "put it in .env (see .env.example); only the sandbox commands (make demo, make ui) use the sandboxes' tokens",
    }, "the step failures the UI shows, one line each naming the variables"


def test_a_refused_token_names_the_variable_to_fix(monkeypatch, telaris_server, tmp_path) -> None:
    monkeypatch.setenv("TRIPLETEX_CONSUMER_TOKEN", "the-consumer")
    monkeypatch.setenv("TRIPLETEX_EMPLOYEE_TOKEN", "the-employee")
    with BackgroundServer(tripletex.create_app()) as server:  # it accepts only the pair in its environment
        with pytest.raises(Unauthorized) as refused:
            TripletexClient(server.url + "/v2", "the-consumer", "someone-else").search(Kind.CUSTOMER)
        # (the server's words after it may be redacted: other tests' tokens are the words "consumer" and "employee")
        assert str(refused.value).startswith("TRIPLETEX_CONSUMER_TOKEN or TRIPLETEX_EMPLOYEE_TOKEN was refused: "
                                             "tripletex PUT /token/session/:create answered 403 (code 9000): ")
        client = TripletexClient(server.url + "/v2", "the-consumer", "the-employee", max_backoff=0.1)
        requests.post(server.url + "/_sandbox/faults", json={"kind": "status", "status": 403, "count": 1,
                                                             "path": "/v2/customer"}, timeout=5).raise_for_status()
        with pytest.raises(Unauthorized) as forbidden:
            client.search(Kind.CUSTOMER)
        assert str(forbidden.value).startswith("TRIPLETEX_EMPLOYEE_TOKEN was refused: tripletex GET /customer "
                                               "answered 403")
    with pytest.raises(Unauthorized) as wrong:
        TelarisClient(telaris_server.url, "not-the-token").get(Kind.CUSTOMER, "c_1")
    assert str(wrong.value).startswith("TELARIS_API_TOKEN was refused: telaris GET /api/v1/customers/c_1 answered 401")

    env = environment(TRIPLETEX_BASE_URL="http://127.0.0.1:9/v2", TELARIS_BASE_URL=telaris_server.url,
                      TRIPLETEX_CONSUMER_TOKEN="c", TRIPLETEX_EMPLOYEE_TOKEN="e", TELARIS_API_TOKEN="not-the-token")
    done = cli("link", "--kind", "customer", "--data", str(tmp_path / "data"), env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "TELARIS_API_TOKEN was refused: telaris GET" in done.stderr, done.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(host: str, *extra: str, env: dict[str, str], data: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "sync_pipeline.cli", "webhooks", "serve", "--host", host,
                                "--port", str(port), "--data", str(data), *extra], env=env, cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, port


def _answers(process: subprocess.Popen, port: int, deadline: float = 60) -> bool:
    """Whether the receiver serves /healthz (polled until the deadline, or until it exits)."""
    try:
        until = time.monotonic() + deadline
        while time.monotonic() < until and process.poll() is None:
            try:
                return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
            except requests.ConnectionError:
                time.sleep(0.1)
        return False
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_receiver_beyond_loopback_needs_its_auth_unless_it_serves_a_sandbox(tmp_path) -> None:
    """Today it starts on 0.0.0.0 with a warning, accepting anyone's deliveries."""
    refused, _ = _serve("0.0.0.0", env=environment(), data=tmp_path)
    try:
        _, stderr = refused.communicate(timeout=60)
    finally:  # today it serves on: stop it
        refused.kill()
        refused.wait(timeout=10)
    assert refused.returncode == 2
    assert stderr.count("\n") == 1 and "without TRIPLETEX_WEBHOOK_AUTH: set it" in stderr and "--sandbox" in stderr

    assert _answers(*_serve("0.0.0.0", "--sandbox", env=environment(), data=tmp_path)), "a sandbox said so"
    assert _answers(*_serve("0.0.0.0", env=environment(TRIPLETEX_WEBHOOK_AUTH="Bearer x"), data=tmp_path))
    assert _answers(*_serve("127.0.0.1", env=environment(), data=tmp_path)), "loopback is this machine only"

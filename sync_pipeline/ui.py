"""`make ui` (`sync-pipeline ui`): both sandboxes, the webhook receiver and `dagster dev`, started together and stopped
together.

Why a supervisor instead of a shell recipe: a shell that gets SIGTERM dies without running its traps, and `dagster
dev` (with its webserver, daemon and code server) went on running without it. Here every stop — Ctrl-C, SIGTERM or
SIGHUP to this process, to `make`, or to the whole process group — takes the same path: `dagster dev` is asked to
stop as Ctrl-C asks it (it shuts its webserver and daemon down), anything of its process group still alive after
that is killed, then the sandboxes and the receiver are stopped.

`dagster dev` runs in DAGSTER_HOME, where `make` copied the repository's dagster.yaml: started in the repository
instead, it warns on every start that the dagster.yaml beside it is not the one in use. It also runs with the log
level `warning`, so the daemon's "Checking for new runs for sensor" line does not come every five seconds (what
the runs and the sensor do is in the UI), and without the notice that `dg dev` supersedes it. The `.env` Dagster
would have read from the working folder is read here, for every process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import requests

from sync_pipeline import settings

# The receiver's credentials when nothing else sets them: a sandbox's, like the tokens in settings.SANDBOX_SECRETS.
SANDBOX_WEBHOOK_SECRETS = {"TRIPLETEX_WEBHOOK_AUTH": "Bearer sandbox-webhook-auth",
                           "TRIPLETEX_WEBHOOK_SECRET": "sandbox-webhook-secret"}
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
DAGSTER_STOP_SECONDS = 60  # dagster dev waits for its webserver and daemon itself; beyond this they are killed
# `dagster dev` says on every start that `dg dev` supersedes it; `dg` is not installed here
DEV_IS_SUPERSEDED = "ignore:Function `dev_command` is superseded:FutureWarning"
START_SECONDS = 300  # the first start on two busy cores takes a minute or more


@dataclass(frozen=True)
class UiPorts:
    tripletex: int = 8701
    telaris: int = 8702
    receiver: int = 8703
    dagster: int = 3000


class Stop(BaseException):
    """A stop signal arrived (BaseException: nothing on the way catches it by accident)."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def environment(data_dir: Path, dagster_home: Path, ports: UiPorts, env_file: Path) -> dict[str, str]:
    """What every process gets: the caller's environment, then `.env` (never overriding what is set), then the
    sandboxes' addresses and credentials for whatever neither set."""
    env = dict(os.environ)
    if env_file.exists():
        from dotenv import dotenv_values

        env = {**{k: v for k, v in dotenv_values(env_file).items() if v is not None}, **env}
    else:
        env = {**settings.SANDBOX_SECRETS, **SANDBOX_WEBHOOK_SECRETS, **env}
    env.setdefault("TRIPLETEX_BASE_URL", f"http://127.0.0.1:{ports.tripletex}/v2")
    env.setdefault("TELARIS_BASE_URL", f"http://127.0.0.1:{ports.telaris}")
    env.setdefault("SYNC_WEBHOOK_PUBLIC_URL", f"http://127.0.0.1:{ports.receiver}/webhooks/tripletex")
    env["SYNC_DATA_DIR"] = str(data_dir.resolve())
    env["DAGSTER_HOME"] = str(dagster_home.resolve())
    env["SYNC_SENSORS_RUNNING"] = "1"
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "sync_pipeline.cli", *args]


def _wait_for(url: str, deadline: float, watched: list[subprocess.Popen]) -> bool:
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in watched):
            return False
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return False


def run_ui(data_dir: Path, dagster_home: Path, workspace: Path, ports: UiPorts = UiPorts(),
           host: str = "127.0.0.1", env_file: Path = Path(".env")) -> int:
    env = environment(data_dir, dagster_home, ports, env_file)
    sandboxes = data_dir.resolve() / "sandboxes"
    # Handlers, not SIG_IGN: a child gets the default action back. Started as a shell's background job, this process
    # finds SIGINT ignored, and `dagster dev`, which maps SIGTERM to SIGINT, would then ignore SIGTERM as well.
    previous = {sig: signal.signal(sig, _raise_stop) for sig in STOP_SIGNALS}
    servers: list[subprocess.Popen] = []
    dagster: subprocess.Popen | None = None
    try:
        servers = [
            subprocess.Popen(_cli("sandbox", "tripletex", "--port", str(ports.tripletex), "--data",
                                  str(sandboxes / "tripletex")), env=env),
            subprocess.Popen(_cli("sandbox", "telaris", "--port", str(ports.telaris), "--data",
                                  str(sandboxes / "telaris")), env=env),
            subprocess.Popen(_cli("webhooks", "serve", "--port", str(ports.receiver), "--data", env["SYNC_DATA_DIR"]),
                             env=env),
        ]
        receiver_url = f"http://127.0.0.1:{ports.receiver}"
        if not _wait_for(receiver_url + "/healthz", time.monotonic() + 60, servers):
            print("the webhook receiver did not start; see above", file=sys.stderr)
            return 1
        subprocess.run(_cli("webhooks", "subscribe", "--wait", "30", "--url", receiver_url + "/webhooks/tripletex"),
                       env=env, check=False)
        dagster = subprocess.Popen(
            [str(Path(sys.executable).parent / "dagster"), "dev", "-w", str(workspace.resolve()), "-h", host, "-p",
             str(ports.dagster), "--log-level", "warning"],
            cwd=dagster_home, env={**env, "PYTHONWARNINGS": DEV_IS_SUPERSEDED}, start_new_session=True)  # its own
        # process group: stopped, and swept, as one
        ui = f"http://{host}:{ports.dagster}"
        if _wait_for(ui + "/server_info", time.monotonic() + START_SECONDS, [dagster]):
            print(f"Dagster UI on {ui} (Ctrl-C stops all four: the two sandboxes, the receiver and Dagster)",
                  flush=True)
        return dagster.wait()
    except Stop as stop:
        print(f"\n{stop}: stopping Dagster, the receiver and both sandboxes ...", file=sys.stderr, flush=True)
        return 0
    finally:
        for sig in STOP_SIGNALS:  # a second Ctrl-C must not cut the stopping short
            signal.signal(sig, signal.SIG_IGN)
        if dagster is not None:
            _stop_dagster(dagster)
        _stop(servers)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_dagster(dagster: subprocess.Popen) -> None:
    """SIGTERM is Ctrl-C to `dagster dev`: it shuts its webserver and daemon down. Whatever of its process group
    outlives that (a code server, a run worker) is killed."""
    if dagster.poll() is None:
        dagster.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            dagster.wait(timeout=DAGSTER_STOP_SECONDS)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(dagster.pid, sig)
        except ProcessLookupError:
            break
        time.sleep(2)
    if dagster.poll() is None:
        dagster.wait(timeout=10)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

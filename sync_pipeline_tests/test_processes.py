"""`make ui` in the background stops cleanly: SIGTERM to `make`, or to its process group, leaves no sandbox, receiver,
`dagster dev`, webserver, daemon or code server behind; and it starts without Dagster's start-up noise."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import dagster as dg
import psutil
import pytest
import requests
from dagster._core.scheduler.instigation import InstigatorType

REPO = Path(__file__).resolve().parent.parent
NOISE = ("Found a dagster instance configuration value", "Checking for new runs for sensor", "is superseded")


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _ours(home: Path) -> list[psutil.Process]:
    """Every process started for this `make ui`: each carries its DAGSTER_HOME (or names it on its command line)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if str(home) in " ".join(process.info["cmdline"] or []) or process.environ().get("DAGSTER_HOME") == \
                    str(home):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return [p for p in found if p.pid != os.getpid()]


def _most_sensor_ticks(home: Path) -> int:
    """The ticks of the sensor that has ticked most (every running sensor ticks once per round of the daemon)."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        states = instance.all_instigator_state(instigator_type=InstigatorType.SENSOR)
        return max((len(instance.get_ticks(state.instigator_origin_id, state.selector_id, limit=100))
                    for state in states), default=0)


def _alive(processes: list[psutil.Process]) -> list[str]:
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(" ".join(process.cmdline())[:160])
        except psutil.NoSuchProcess:
            continue
    return alive


@pytest.mark.parametrize("target", ["make", "process group"])
def test_make_ui_stops_cleanly_on_sigterm(tmp_path, target, monkeypatch) -> None:
    home, data = tmp_path / "dagster_home", tmp_path / "data"
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # its dagster.yaml reads it, in this process too (sensor ticks)
    ui, tripletex, telaris, receiver = _free_ports(4)
    env = {**os.environ, "DAGSTER_HOME": str(home), "SYNC_DATA_DIR": str(data)}
    log = (tmp_path / "ui.log").open("w")
    # as `make ui &` in a script starts it: in a process group of its own, with SIGINT ignored (a shell's background
    # job), which `dagster dev` and its children inherited and, mapping SIGTERM to SIGINT, ignored SIGTERM too
    make = subprocess.Popen(["make", "ui", f"UI_PORT={ui}", f"TRIPLETEX_PORT={tripletex}", f"TELARIS_PORT={telaris}",
                             f"RECEIVER_PORT={receiver}"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{ui}/server_info", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(1)
        else:
            pytest.fail("the Dagster UI did not answer: " + (tmp_path / "ui.log").read_text()[-3000:])
        running = _ours(home)
        names = " ".join(" ".join(p.cmdline()) for p in running)
        for part in ("sandbox tripletex", "sandbox telaris", "webhooks serve", "dagster dev", "dagster_webserver",
                     "dagster._daemon", "code-server"):
            assert part in names, f"{part} is not running: {names[:2000]}"
        ticks, deadline = _most_sensor_ticks(home), time.monotonic() + 120
        while _most_sensor_ticks(home) < ticks + 2:  # two more rounds of sensor ticks, whose noise would show
            assert time.monotonic() < deadline, "no sensor ticked: " + (tmp_path / "ui.log").read_text()[-3000:]
            time.sleep(0.5)

        if target == "make":
            make.send_signal(signal.SIGTERM)
        else:
            os.killpg(make.pid, signal.SIGTERM)
        deadline = time.monotonic() + 120
        while _alive(running) and time.monotonic() < deadline:
            time.sleep(1)
        assert _alive(running) == [], "left running after SIGTERM"
        assert _alive(_ours(home)) == []
        output = (tmp_path / "ui.log").read_text()
        assert f"Dagster UI on http://127.0.0.1:{ui}" in output and "stops all four" in output
        assert not [noise for noise in NOISE if noise in output], output
    finally:
        for process in _ours(home):
            process.kill()
        log.close()
        make.wait(timeout=30)

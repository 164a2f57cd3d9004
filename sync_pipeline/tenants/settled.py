"""A sync's own writes are no change: the run hands the change probe a baseline taken after its last write.

Without it, the probe (tenants.probe) compares with what it saw before the run and reads the run's own writes as
changes: every change a person makes costs three runs, the sync, a sync of its echo, and one more for the writes the
probe's ten-second overlap sees again. So a sync ends by settling:

1. take a full probe baseline (Tripletex's list digests, now), and list the Telaris records changed within the
   overlap before it (the run's last writes, as `id@version`: acknowledged, so the overlap does not count them);
2. extract both systems again since the run's own extraction, and plan (counted, then rolled back);
3. nothing to write: the baseline holds no change the sync has not made, and is published beside the company's
   DuckDB file. Something to write (a person's edit while the run ran, or writes held back): nothing is published,
   the probe keeps its own state, and its next tick starts a run that sends it.

A change after the baseline is seen by the probe against it (a new digest, a Telaris record not acknowledged at its
version). Publishing is only ever a saving: a run that does not settle leaves the probe as it was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from sync_pipeline.clients.errors import ApiError
from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.engine.cycle import plan_all
from sync_pipeline.extract import extract_into
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.tenants.probe import OVERLAP_SECONDS, ProbeState, acknowledgement, probe

BASELINE_FILE = "probe_baseline.json"
MOST_ACKNOWLEDGED = 50  # more records written within the overlap: not published (the cursor stays small)


@dataclass(frozen=True)
class Settled:
    published: bool
    reason: str  # in words, for the run's log and metadata
    pending: int = 0  # writes planned after the sync (a change made while it ran)


def settle(con: duckdb.DuckDBPyConnection, telaris: TelarisSource, tripletex: TripletexSource, folder: Path,
           run_id: str) -> Settled:
    """Take the baseline, check that the sync left nothing to write, and publish it in `folder` if so."""
    state = probe((tripletex.client, telaris.client), None, overlap=0).new_state
    if state.error:
        return Settled(False, f"no baseline for the change probe: {state.error}")
    try:
        return _settle(con, telaris, tripletex, folder, run_id, state)
    except ApiError as exc:  # the sync's writes are made: a system failing now costs the probe's saving, not the run
        return Settled(False, f"no baseline for the change probe: {' '.join(str(exc).split())[:240]}")


def _settle(con: duckdb.DuckDBPyConnection, telaris: TelarisSource, tripletex: TripletexSource, folder: Path,
            run_id: str, state: ProbeState) -> Settled:
    window = datetime.fromtimestamp((state.since or 0) - OVERLAP_SECONDS, UTC)
    acknowledged: dict[str, list[str]] = {}
    for kind in Kind:
        written = telaris.client.list_page(kind, updated_since=window, limit=MOST_ACKNOWLEDGED + 1)["items"]
        if len(written) > MOST_ACKNOWLEDGED:
            return Settled(False, f"no baseline handed to the change probe: more than {MOST_ACKNOWLEDGED} Telaris "
                                  f"{kind.value}s were written in the last {OVERLAP_SECONDS} s (this run's writes "
                                  "or a person's), too many to tell apart; the probe may start one more run")
        if written:
            acknowledged[kind.value[0]] = [acknowledgement(record) for record in written]
    for kind in Kind:
        extract_into(con, telaris, kind)
        extract_into(con, tripletex, kind)
    # planned to be counted, not kept: the next run plans for itself, with the policy it is configured with (which
    # side wins a conflict changes what is written, never whether something is)
    con.execute("BEGIN TRANSACTION")
    try:
        plan_all(con, SyncPolicy(), run_id)
        [(pending,)] = con.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchall()
    finally:
        con.execute("ROLLBACK")
    if pending:
        return Settled(False, f"{pending} writes planned after the sync (a change made while it ran, or writes "
                              "held back): the change probe starts the next run", pending)
    publish(folder, state.model_copy(update={"acknowledged": acknowledged, "acknowledged_at": state.since}))
    return Settled(True, "nothing left to write: the change probe compares with what this run left")


def publish(folder: Path, state: ProbeState) -> None:
    """Written whole or not at all (a sensor may read it at any moment)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, prefix=".probe-", delete=False) as out:
        out.write(state.model_dump_json(by_alias=True, exclude_defaults=True))
    os.replace(out.name, folder / BASELINE_FILE)


def published(folder: Path) -> ProbeState | None:
    """The baseline the company's last settled sync left, or None (none yet, or unreadable: the probe's own)."""
    try:
        return ProbeState.model_validate_json((folder / BASELINE_FILE).read_text())
    except (OSError, ValueError):
        return None

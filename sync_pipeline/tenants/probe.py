"""Has anything changed for this company since the last look? A few cheap requests instead of a run.

A run has a fixed cost (a process, Dagster and the project imported) that a thousand idle companies cannot each pay
every five minutes. So a sensor asks each company's two systems the cheapest question they answer, and starts runs
only for the companies where something moved:

- Tripletex: the list of each kind (ids only, active and inactive apart) with `If-None-Match: <versionDigest>` kept
  from the last probe; an unchanged list answers 304 with no body. Tripletex calls the digest experimental, and an
  installation without it answers "'If-None-Match' header not specified" instead of a digest: that kind is then
  probed with `changedSince` (`count=1`) from then on.
- Telaris: `updated_since=<last successful probe − overlap>&limit=1` per kind (inclusive), the overlap covering
  clock skew between this machine and Telaris and a change committed while the last probe was reading.

The state between probes is a `ProbeState`, small enough that a sensor cursor holds a thousand of them (see
`cursor_of` / `states_of`). A failing probe changes nothing it knew (so no change is lost while a system is down)
and keeps the error; it asks for a run once per `error_backoff` so that the failure shows as a failed run rather
than as silence, and is otherwise quiet.

Contract for the caller: store every result's `new_state`, except a `changed` one whose run you did not start: keep
the old state for that company, and its next probe says "changed" again (so a skipped run loses no change).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson
from pydantic import BaseModel, ConfigDict, Field

from sync_pipeline.clients.errors import ApiError
from sync_pipeline.clients.redact import redact
from sync_pipeline.domain.fields import Kind

if TYPE_CHECKING:
    from sync_pipeline.clients.telaris import TelarisClient
    from sync_pipeline.clients.tripletex import TripletexClient
    from sync_pipeline.tenants.company import Company

OVERLAP_SECONDS = 10  # re-ask this far before the last successful probe (clock skew, late commits)
ERROR_BACKOFF_SECONDS = 3600  # a failing company asks for a run (to fail visibly) at most this often
ERROR_CHARS = 240
NO_DIGEST = "-"  # this kind's list answered without a usable versionDigest: probe it with changedSince
# What a probe's clients may spend: a sensor tick has 60 s for every company, so no company may retry for minutes.
PROBE_CLIENT = {"timeout": 10.0, "max_attempts": 2, "max_backoff": 1.0}
# One versionDigest per page as Tripletex sends it; list_digest joins pages with ',' and the probe joins the
# active and inactive lists with '|'. Anything else (spaces, quotes: the "not specified" text; 'None') is unusable.
_DIGEST_PAGE = re.compile(r"[A-Za-z0-9+/=_.:-]{1,200}")


class ProbeState(BaseModel):
    """What the last probe of one company saw. Short keys: a sensor cursor holds one per company."""

    model_config = ConfigDict(populate_by_name=True)

    digests: dict[str, str] = Field(default_factory=dict, alias="d",
                                    description="Tripletex per kind ('c', 's'): 'active|inactive' list digests, "
                                                "or '-' when that kind is probed with changedSince")
    since: int | None = Field(default=None, alias="s",
                              description="start of the last successful probe, epoch seconds (this machine's clock)")
    error: str | None = Field(default=None, alias="e", description="the last probe's error, one line")
    error_at: int | None = Field(default=None, alias="ea", description="when that error happened, epoch seconds")
    error_run_at: int | None = Field(default=None, alias="er",
                                     description="when a failing probe last asked for a run, epoch seconds")
    acknowledged: dict[str, list[str]] = Field(
        default_factory=dict, alias="a",
        description="Telaris per kind ('c', 's'): 'id@version' of the records a sync wrote just before it took this "
                    "baseline (tenants.settled), which the overlap would otherwise read as a change")
    acknowledged_at: int | None = Field(default=None, alias="aa",
                                        description="when those were listed, epoch seconds: after the overlap has "
                                                    "passed them they are dropped")

    def dump(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_defaults=True)


@dataclass(frozen=True)
class ProbeResult:
    changed: bool  # start a run for this company
    reason: str  # why, in one line (for the run's tags or the sensor's log)
    new_state: ProbeState  # store it, unless `changed` and you did not start the run


Clients = tuple["TripletexClient", "TelarisClient"]
_cache_lock = threading.Lock()
_clients: dict[tuple[Any, ...], Clients] = {}
MAX_CACHED = 4096


def clients_of(company: Company) -> Clients:
    """The company's two clients, made for probing and kept between probes: a Tripletex session lasts days, and
    creating one per probe would double an idle company's requests. A token changed in the environment makes new
    clients (the cache is keyed by the values too)."""
    key = (company, company.secret(company.tripletex_consumer_token_env),
           company.secret(company.tripletex_employee_token_env), company.secret(company.telaris_token_env))
    with _cache_lock:
        found = _clients.get(key)
    if found is None:
        found = (company.tripletex_client(**PROBE_CLIENT), company.telaris_client(**PROBE_CLIENT))
        with _cache_lock:
            if len(_clients) >= MAX_CACHED:
                _clients.clear()
            found = _clients.setdefault(key, found)
    return found


def probe(target: Company | Clients, state: ProbeState | Mapping[str, Any] | None = None, *,
          now: float | None = None, overlap: int = OVERLAP_SECONDS, error_backoff: int = ERROR_BACKOFF_SECONDS,
          page_size: int = 1000) -> ProbeResult:
    """Whether `target` (a Company, or its (TripletexClient, TelarisClient)) changed since `state` was taken.

    No state: changed (the first probe only takes its baseline). Never raises for a company's trouble: an error
    comes back as `changed=False` with the error in the new state, or `changed=True` once per `error_backoff`."""
    state = _state(state)
    started = int(now if now is not None else time.time())
    try:
        tripletex, telaris = target if isinstance(target, tuple) else clients_of(target)
        reasons, digests = _look(tripletex, telaris, state, (state.since or started) - overlap, page_size)
    except Exception as exc:  # one company's trouble never stops the others' probes
        return failed(state, _one_line(exc), started, error_backoff)
    kept_run = state.error_run_at if state.error_run_at and started - state.error_run_at < error_backoff else None
    new_state = ProbeState(digests=digests, since=started, error_run_at=kept_run)
    if state.acknowledged and not reasons and started - overlap <= (state.acknowledged_at or 0) + 2:
        # the next probe's window may still hold the sync's own writes: keep them acknowledged
        new_state = new_state.model_copy(update={"acknowledged": state.acknowledged,
                                                 "acknowledged_at": state.acknowledged_at})
    if state.since is None:
        return ProbeResult(True, "first probe: no earlier state to compare with", new_state)
    if reasons:
        return ProbeResult(True, "; ".join(reasons), new_state)
    return ProbeResult(False, "unchanged", new_state)


def failed(state: ProbeState, error: str, at: int, error_backoff: int = ERROR_BACKOFF_SECONDS) -> ProbeResult:
    """A probe that could not answer: keep what the last good probe saw, note the error, and ask for a run when
    none was asked for within `error_backoff` (the run fails the same way, where an operator sees it)."""
    error = error[:ERROR_CHARS]
    due = state.error_run_at is None or at - state.error_run_at >= error_backoff
    new_state = state.model_copy(update={"error": error, "error_at": at,
                                         "error_run_at": at if due else state.error_run_at})
    if due:
        return ProbeResult(True, f"probe failed, starting a run to show it: {error}", new_state)
    return ProbeResult(False, f"probe failed (a run was started for it less than {error_backoff} s ago): {error}",
                       new_state)


def _look(tripletex: TripletexClient, telaris: TelarisClient, state: ProbeState, since_epoch: int,
          page_size: int) -> tuple[list[str], dict[str, str]]:
    """(what changed, the Tripletex digests now): every list is asked, so the new state is a full baseline."""
    since = datetime.fromtimestamp(since_epoch, UTC)
    first = state.since is None
    reasons: list[str] = []
    if not first:
        reasons += [f"telaris {kind.value}s changed" for kind in Kind
                    if _telaris_changed(telaris, kind, since, state.acknowledged.get(kind.value[0]))]
    digests: dict[str, str] = {}
    for kind in Kind:
        key = kind.value[0]
        known = state.digests.get(key)
        now = NO_DIGEST if known == NO_DIGEST else _kind_digest(tripletex, kind, known, page_size)
        digests[key] = now
        if now == NO_DIGEST:
            if not first and tripletex.changes_since(kind, since):
                reasons.append(f"tripletex {kind.value}s changed (changedSince)")
        elif not first and now != known:
            reasons.append(f"tripletex {kind.value}s changed (versionDigest)")
    return reasons, digests


def acknowledgement(record: Mapping[str, Any]) -> str:
    """A Telaris record as it was at one version: a later change makes another."""
    return f"{record['id']}@{record['version']}"


def _telaris_changed(telaris: TelarisClient, kind: Kind, since: datetime, acknowledged: list[str] | None) -> bool:
    """Whether a record of `kind` changed at or after `since`, a sync's own acknowledged writes aside (one
    request either way: the page holds one record more than those acknowledged)."""
    if not acknowledged:
        return telaris.changed_since(kind, since)
    page = telaris.list_page(kind, updated_since=since, limit=len(acknowledged) + 1)["items"]
    return any(acknowledgement(record) not in acknowledged for record in page)


def _kind_digest(tripletex: TripletexClient, kind: Kind, known: str | None, page_size: int) -> str:
    """'active|inactive' digests of the kind's lists (304s when `known` still holds), or NO_DIGEST."""
    known_active, _, known_inactive = (known or "").partition("|")
    found = []
    for inactive, tag in ((False, known_active), (True, known_inactive)):
        digest = tripletex.list_digest(kind, tag or None, inactive=inactive, page_size=page_size)
        if not all(_DIGEST_PAGE.fullmatch(page) and page != "None" for page in digest.split(",")):
            return NO_DIGEST
        found.append(digest)
    return "|".join(found)


def probe_many(companies: Iterable[Company], states: Mapping[str, ProbeState | Mapping[str, Any] | None], *,
               max_workers: int = 8, deadline: float = 45.0, **options: Any) -> dict[str, ProbeResult]:
    """`probe` every company in a bounded thread pool (the requests wait on the network, not the CPU), within
    `deadline` seconds: a sensor tick is cut off at 60 s. A company not answered in time counts as a failed probe
    (its thread finishes in the background and its answer is dropped). Results by company name."""
    companies = list(companies)
    now = time.time()
    results: dict[str, ProbeResult] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(companies) or 1)),
                              thread_name_prefix="probe")
    try:
        futures = {pool.submit(probe, company, states.get(company.name), now=now, **options): company.name
                   for company in companies}
        done, _ = wait_for(futures, timeout=deadline)
        for future, name in futures.items():
            if future in done:
                results[name] = future.result()
            else:
                results[name] = failed(_state(states.get(name)), f"no answer within the probe deadline of "
                                       f"{deadline:g} s", int(now), options.get("error_backoff",
                                                                                ERROR_BACKOFF_SECONDS))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return results


def cursor_of(states: Mapping[str, ProbeState]) -> str:
    """A sensor cursor holding every company's probe state (compact JSON)."""
    return orjson.dumps({name: state.dump() for name, state in states.items()}).decode()


def states_of(cursor: str | None) -> dict[str, ProbeState]:
    """The probe states a `cursor_of` cursor holds; an empty or unreadable cursor is no state (every company's
    next probe then says changed: a run too many, never a change missed)."""
    if not cursor:
        return {}
    try:
        raw = orjson.loads(cursor)
        return {name: ProbeState.model_validate(value) for name, value in raw.items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def _state(state: ProbeState | Mapping[str, Any] | None) -> ProbeState:
    if state is None:
        return ProbeState()
    return state if isinstance(state, ProbeState) else ProbeState.model_validate(state)


def _one_line(exc: BaseException) -> str:
    text = str(exc) if isinstance(exc, ApiError) else f"{type(exc).__name__}: {exc}"
    return redact(" ".join(text.split()))

"""Companies in the Telaris sandbox: one server, many Telaris companies, each under its own path prefix.

Telaris gives every customer company its own API root; the sandbox models that as `/companies/<id>/…`: the company's
API under `/companies/<id>/api/v1/…` and its controls under `/companies/<id>/_sandbox/…`. The server root stays the
company it always was (company 1, so `/companies/1` is the same company as the root), which keeps every single-company
test, the demo and a folder written before companies existed working unchanged.

Each company is a store of its own (its own ids, counters and exports), created the first time an authorised request
or a control uses it. With `--data DIR` company 1 keeps `DIR/telaris.sqlite` and company N lives in
`DIR/companies/N/telaris.sqlite`, opened only when used. A benchmark holds a hundred companies of a few thousand
records in one sandbox process, so an idle company is an SQLite connection and nothing else: no thread, no cache
beyond a small page cache.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from sync_pipeline.sandboxes.controls import COMPANY_SCOPE_KEY
from sync_pipeline.sandboxes.telaris.store import TelarisStore

HOME = 1
MAX_COMPANY_ID = 2**31 - 1
PREFIX = re.compile(r"^/companies/([^/]+)(/.*)?$")
# SQLite's default page cache is 2 MiB per connection, filled by one full read: a hundred companies would keep 200 MiB
# of cache for data they are not using. A company other than the root one gets a small cache.
OTHER_COMPANY_CACHE_KIB = 256


def company_id(raw: str) -> int:
    """A company id from a path segment; ValueError naming the range for anything else."""
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= MAX_COMPANY_ID:
        raise ValueError(f"Telaris sandbox company ids are integers from 1 to {MAX_COMPANY_ID}, not {raw!r}")
    return int(raw)


class Companies:
    def __init__(self, data_dir: str | Path | None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self._lock = threading.Lock()
        self._stores: dict[int, TelarisStore] = {}
        self.home = self.get(HOME)

    def folder(self, cid: int) -> Path | None:
        if self.data_dir is None:
            return None
        return self.data_dir if cid == HOME else self.data_dir / "companies" / str(cid)

    def get(self, cid: int) -> TelarisStore:
        """The company's store, created (or opened from its folder) on first use."""
        with self._lock:
            store = self._stores.get(cid)
            if store is None:
                cache = None if cid == HOME else OTHER_COMPANY_CACHE_KIB
                store = self._stores[cid] = TelarisStore(self.folder(cid), cache_kib=cache)
            return store

    def find(self, cid: int) -> TelarisStore | None:
        """The company's store if it exists (in memory or in its folder), without creating one."""
        with self._lock:
            if cid in self._stores:
                return self._stores[cid]
        folder = self.folder(cid)
        return self.get(cid) if folder is not None and (folder / "telaris.sqlite").exists() else None

    def ids(self) -> list[int]:
        """Every company holding a store: those in use, and with --data those kept in their folders."""
        with self._lock:
            found = set(self._stores)
        if self.data_dir is not None and (self.data_dir / "companies").is_dir():
            found.update(int(p.name) for p in (self.data_dir / "companies").iterdir()
                         if p.name.isdigit() and (p / "telaris.sqlite").exists())
        return sorted(found)

    def all(self) -> list[tuple[int, TelarisStore]]:
        return [(cid, self.get(cid)) for cid in self.ids()]

    def forget_others(self) -> None:
        """Drop every in-memory company but the root one: a whole-sandbox reset frees their memory too."""
        if self.data_dir is None:
            with self._lock:
                for cid in [c for c in self._stores if c != HOME]:
                    del self._stores[cid]


class CompanyPath:
    """ASGI middleware: a request to `/companies/<id>/rest` is served as `/rest` of company <id>.

    The prefix is taken off the path (and added to root_path, so URLs a handler builds stay right) and the company is
    put in the scope under COMPANY_SCOPE_KEY, where the handlers, the admin controls and the fault and request-log
    middleware read it. A path naming no valid company answers 404 before anything else runs."""

    def __init__(self, app: ASGIApp, not_found: ASGIApp) -> None:
        self.app = app
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (match := PREFIX.match(scope["path"])):
            try:
                cid = company_id(match.group(1))
            except ValueError:
                await self.not_found(scope, receive, send)
                return
            rest = match.group(2) or "/"
            prefix = scope["path"][: len(scope["path"]) - len(match.group(2) or "")]
            scope = {**scope, "path": rest, "raw_path": rest.encode(), COMPANY_SCOPE_KEY: cid,
                     "root_path": scope.get("root_path", "") + prefix}
        await self.app(scope, receive, send)

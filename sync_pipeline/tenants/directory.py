"""The registry's companies as a long-running process sees them: read again only when the registry file changed.

A process that serves every company (the webhook receiver) must see a company added after it started, without a
restart, yet must not parse the registry's JSON for every request it answers. The registry is replaced atomically
on every change (a new file renamed over the old), so its inode, size and modification time together tell whether
it changed: one `stat` per lookup, and a parse only after a change.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from sync_pipeline.tenants.company import Company, data_root, of_tenant
from sync_pipeline.tenants.registry import Registry

T = TypeVar("T")
Version = tuple[int, int, int] | None  # (inode, size, mtime in ns) of the registry file; None while there is none


class Directory(Generic[T]):
    """Registered companies by name, each turned by `build` into what the caller keeps for it (the receiver: its
    landing folder and credentials), once per registry version and only when first asked for."""

    def __init__(self, build: Callable[[Company], T], root: str | Path | None = None) -> None:
        self.root = data_root(root)
        self.registry = Registry(self.root)
        self._build = build
        self._lock = threading.Lock()
        self._version: Version = None
        self._companies: dict[str, Company] = {}
        self._built: dict[str, T] = {}
        self.reloads = 0  # how often the registry was parsed (for an operator's curiosity and the tests)

    def get(self, name: str) -> T | None:
        """What was built for the company named so, or None when the registry has no such company (now)."""
        version = self._current()
        with self._lock:
            if version != self._version:
                # stat before reading: a change racing this read shows as a newer version next time, never hidden
                self._companies = {t.name: of_tenant(t, self.root) for t in self.registry}
                self._built = {}
                self._version = version
                self.reloads += 1
            built = self._built.get(name)
            if built is None and name in self._companies:
                built = self._built[name] = self._build(self._companies[name])
            return built

    def _current(self) -> Version:
        try:
            stat = os.stat(self.registry.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

"""One row per company: is its sync healthy, and if not, what needs a person.

Read from each company's own DuckDB file, read-only and briefly (a company whose file a run holds longer than
`BUSY_SECONDS` is reported busy rather than holding up the others). The Dagster layer adds when the company's last
sync run succeeded, from Dagster's run records; `sync-pipeline status` and the asset `tenant_health` print the same
rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sync_pipeline.diagnostics.findings import PROBLEMS, find
from sync_pipeline.engine import gate
from sync_pipeline.tenants.company import Company
from sync_pipeline.warehouse.lock import FileBusy
from sync_pipeline.warehouse.store import Warehouse

BUSY_SECONDS = 5.0
WEBHOOK_EVENTS = 6  # customer and supplier × create, update, delete

COUNTS = """
    SELECT
        (SELECT count(DISTINCT intent_id) FROM audit WHERE written_at >= current_date) AS applied_today,
        (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending,
        (SELECT count(*) FROM outbox WHERE status = 'parked') AS parked,
        (SELECT count(*) FROM webhook_subscriptions WHERE status = 'ACTIVE') AS webhooks_active,
        (SELECT count(*) FROM webhook_subscriptions) AS webhooks_known,
        (SELECT max(last_run_at) FROM extraction_state) AS last_extraction
"""


@dataclass
class CompanyHealth:
    company: str
    state: str = "ok"  # ok | attention | never synced | busy
    last_sync: datetime | None = None  # when its last sync run succeeded (Dagster's run records)
    last_extraction: datetime | None = None  # when a table of it was last extracted (its DuckDB file)
    applied_today: int = 0
    pending: int = 0
    parked: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    webhooks: str = "not subscribed"
    gate: str = "open"
    detail: str = ""

    def as_row(self) -> dict[str, object]:
        row = asdict(self)
        for name in ("last_sync", "last_extraction"):
            when = getattr(self, name)
            row[name] = when.isoformat(timespec="seconds") if when else None
        row["findings"] = ", ".join(f"{problem} {n}" for problem, n in self.findings.items()) or "none"
        return row


def health(company: Company, last_sync: datetime | None = None) -> CompanyHealth:
    row = CompanyHealth(company=company.name, last_sync=last_sync)
    warehouse = Warehouse(company.duckdb_path, who="the company health check")
    if not company.duckdb_path.exists():
        row.state = "never synced"
        row.gate = "open (linking waived)" if gate.waived_for_all() else "closed until its initial linking"
        row.detail = "no DuckDB file yet: its first sync creates it"
        return row
    try:
        with warehouse.connect(read_only=True, timeout=BUSY_SECONDS) as con:
            counts = con.execute(COUNTS).fetchone()
            found = Counter(finding.problem for finding in find(con))
            closed = gate.closed_kinds(con)
    except FileBusy as busy:
        row.state, row.detail = "busy", str(busy)
        return row
    row.applied_today, row.pending, row.parked, active, known, row.last_extraction = counts
    row.findings = {problem: found[problem] for problem in PROBLEMS if found[problem]}
    row.webhooks = f"{active}/{WEBHOOK_EVENTS} active" if known else "not subscribed"
    row.gate = "closed: " + "; ".join(closed.values()) if closed else "open"
    needs_person = row.parked or row.findings or closed or (known and active < WEBHOOK_EVENTS)
    row.state = "attention" if needs_person else "ok"
    return row

"""The three-way diff at scale: DuckDB SQL against a straightforward Python dict loop over the same rows.

Builds N linked customer pairs (with base) in a DuckDB file as extraction and apply leave it (fields hashed) — 5%
changed in Tripletex, 5% in Telaris, 1% changed on both sides to different values — then, each in a fresh process
and in the same run, from the same file to the same set of field patches:
- diff: sync_pipeline.engine.diff.compute (the real code) until its `patches` table is complete;
- naive: read the same rows into Python dicts and compare them field by field in a loop. Reading is timed too,
  since the rows live in the warehouse for both; the loop alone is printed as well (`naive_loop_seconds`).
Planning the patches into outbox intents (plan.plan_updates) runs after the diff and is printed separately.
Both must find the same number of field patches. Last line: JSON with `speedup_vs_naive` and `peak_rss_mb`
(of the diff process). Targets (issue 3): speedup >= 15, peak RSS <= 1 GB.

    python benchmarks/diff.py --pairs 1000000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import run_child  # noqa: E402

from sync_pipeline.domain.fields import SYNCED_FIELDS  # noqa: E402
from sync_pipeline.warehouse.store import HASHED_TABLES, Warehouse  # noqa: E402

VALUES = {  # canonical value of each field for pair i, as SQL over `i`
    "name": "'Firma ' || i || ' AS'", "number": "(10000 + i)::VARCHAR",
    "organisation_number": "(900000000 + i)::VARCHAR", "email": "'post' || i || '@firma.no'",
    "invoice_email": "'faktura' || i || '@firma.no'", "phone": "'+47' || (90000000 + i)",
    "address_line1": "'Gate ' || (i % 200)", "address_line2": "NULL",
    "postal_code": "lpad((i % 9000)::VARCHAR, 4, '0')",
    "city": "'By ' || (i % 500)", "country": "'NO'", "currency": "'NOK'", "language": "'no'",
}


def build(path: Path, pairs: int) -> None:
    warehouse = Warehouse(path, memory_limit="2GB")
    with warehouse.connect() as con:
        base_values = ", ".join(f"{VALUES[f]} AS {f}" for f in SYNCED_FIELDS)
        con.execute(f"CREATE TEMP TABLE gen AS SELECT i, {base_values} FROM range({pairs}) t(i)")

        def side(table: str, record_id: str, overrides: dict[str, str]) -> None:
            cols = ", ".join(overrides.get(f, f) for f in SYNCED_FIELDS)
            con.execute(f"""INSERT INTO {table} SELECT {record_id}, 100000 + i, {cols}, true, 2, now(), i, [],
                            '{{}}', now(), 'bench', now(), false, NULL FROM gen""")

        side("telaris_customers", "'c_' || i", {
            "phone": "CASE WHEN i % 20 = 1 THEN '+47' || (40000000 + i) ELSE phone END",
            "name": "CASE WHEN i % 100 = 2 THEN name || ' (Telaris)' ELSE name END"})
        side("tripletex_customers", "(100000 + i)::VARCHAR", {
            "email": "CASE WHEN i % 20 = 0 THEN 'ny' || i || '@firma.no' ELSE email END",
            "name": "CASE WHEN i % 100 = 2 THEN name || ' (Tripletex)' ELSE name END"})
        con.execute("INSERT INTO links (kind, telaris_id, tripletex_id, linked_by, linked_at) "
                    "SELECT 'customer', 'c_' || i, 100000 + i, 'reference', now() FROM gen")
        con.execute(f"INSERT INTO base SELECT 'customer', 'c_' || i, 100000 + i, "
                    f"{', '.join(SYNCED_FIELDS)}, now(), NULL FROM gen")
        for table in HASHED_TABLES:  # as extraction and apply leave them
            warehouse.rehash(con, table)


DIFF = """
import os, time
from datetime import UTC, datetime
from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.engine import diff, plan
from sync_pipeline.warehouse.store import Warehouse
warehouse = Warehouse(os.environ['DB'], memory_limit='768MB')
with warehouse.connect() as con:
    started = time.monotonic()
    con.execute('BEGIN TRANSACTION')
    result = diff.compute(con, Kind.CUSTOMER, SyncPolicy(), 'bench', datetime.now(UTC))
    seconds = time.monotonic() - started
    planned = plan.plan_updates(con, Kind.CUSTOMER, datetime.now(UTC))
    con.execute('COMMIT')
    plan_seconds = time.monotonic() - started - seconds
    patches = con.execute('SELECT count(*) FROM patches').fetchone()[0]
RESULT = {'seconds': seconds, 'plan_seconds': plan_seconds, 'patches': patches, 'intents': planned,
          'conflicts': result.conflicts}
"""

NAIVE = """
import os, time, duckdb
from sync_pipeline.domain.fields import SYNCED_FIELDS
cols = ', '.join(SYNCED_FIELDS)
started = time.monotonic()
con = duckdb.connect(os.environ['DB'], read_only=True)
def load(sql):
    rows = con.execute(sql).fetchall()
    return {r[0]: dict(zip(SYNCED_FIELDS, r[1:])) for r in rows}
telaris = load(f'SELECT record_id, {cols} FROM telaris_customers')
tripletex = load(f'SELECT tripletex_id, {cols} FROM tripletex_customers')
base = load(f'SELECT telaris_id, {cols} FROM base')
links = con.execute('SELECT telaris_id, tripletex_id FROM links').fetchall()
loop_started = time.monotonic()
patches = []
for telaris_id, tripletex_id in links:
    t, x, b = telaris[telaris_id], tripletex[tripletex_id], base[telaris_id]
    for field in SYNCED_FIELDS:
        t_changed, x_changed = t[field] != b[field], x[field] != b[field]
        if t_changed and x_changed:
            if t[field] != x[field]:
                patches.append((telaris_id, field, 'to_tripletex', t[field]))  # customers: Telaris wins
        elif t_changed:
            patches.append((telaris_id, field, 'to_tripletex', t[field]))
        elif x_changed:
            patches.append((telaris_id, field, 'to_telaris', x[field]))
RESULT = {'seconds': time.monotonic() - started, 'loop_seconds': time.monotonic() - loop_started,
          'patches': len(patches)}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        db = Path(tmp) / "sync.duckdb"
        build(db, args.pairs)
        print(f"built {args.pairs:,} linked pairs")
        naive = run_child(NAIVE, {"DB": str(db)})
        print(f"naive dict loop: {naive['patches']:,} patches in {naive['seconds']:.2f}s "
              f"(of which the loop {naive['loop_seconds']:.2f}s; peak RSS {naive['peak_rss_mb']:.0f} MB)")
        duck = run_child(DIFF, {"DB": str(db)})
        print(f"DuckDB diff:     {duck['patches']:,} patches in {duck['seconds']:.2f}s "
              f"(peak RSS {duck['peak_rss_mb']:.0f} MB), {duck['conflicts']:,} conflicts; "
              f"then planned into {duck['intents']:,} intents in {duck['plan_seconds']:.2f}s")
    assert duck["patches"] == naive["patches"], "both must find the same patches"
    print(json.dumps({
        "pairs": args.pairs,
        "diff_seconds": round(duck["seconds"], 3),
        "naive_seconds": round(naive["seconds"], 3),
        "naive_loop_seconds": round(naive["loop_seconds"], 3),
        "plan_seconds": round(duck["plan_seconds"], 3),
        "speedup_vs_naive": round(naive["seconds"] / duck["seconds"], 2),
        "peak_rss_mb": round(duck["peak_rss_mb"], 1),
        "patches": duck["patches"],
    }))


if __name__ == "__main__":
    main()

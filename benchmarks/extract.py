"""Extraction throughput and memory at scale.

Seeds N records per side into both sandboxes (run as separate processes), then measures in fresh child
processes, in the same run:
- baseline: plain page fetching of every record of both systems through the same clients (parse JSON, discard);
- extraction: the real extract() of all four tables into a DuckDB file (normalise, raw JSON, upsert).
Prints the overhead ratio (extraction time / baseline time) and the extraction process's peak RSS.
Last line: JSON with `peak_rss_mb` and `overhead_ratio`. Targets (issue 2): peak RSS <= 1 GB, ratio <= 1.3.

    python benchmarks/extract.py --records 1000000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import run_child, sandboxes  # noqa: E402

from sync_pipeline.sandboxes.seed import seed_sandboxes  # noqa: E402

CLIENTS = """
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.domain.fields import Kind
import os, time
tx = TripletexClient(os.environ['TX'] + '/v2', 'c', 'e')
tl = TelarisClient(os.environ['TL'], 'telaris-sandbox-token')
"""

BASELINE = CLIENTS + """
started = time.monotonic()
rows, tables = 0, {}
for kind in Kind:
    for system, pages in (('telaris', lambda: tl.iter_pages(kind, limit=1000)),
                          ('tripletex', lambda: tx.iter_pages(kind, page_size=1000))):
        table_started = time.monotonic()
        for page in pages():
            rows += len(page)
        tables[f'{system}_{kind.value}s'] = time.monotonic() - table_started
RESULT = {'seconds': time.monotonic() - started, 'rows': rows, 'calls': tx.calls + tl.calls, 'tables': tables}
"""

EXTRACT = CLIENTS + """
from sync_pipeline.extract import TelarisSource, TripletexSource, extract
from sync_pipeline.warehouse.store import Warehouse
warehouse = Warehouse(os.environ['DB'])  # the product's own settings
started = time.monotonic()
rows, tables = 0, {}
for kind in Kind:
    for source in (TelarisSource(tl), TripletexSource(tx)):
        result = extract(source, kind, warehouse, full=True)
        rows += result.rows
        tables[result.table] = result.seconds
RESULT = {'seconds': time.monotonic() - started, 'rows': rows, 'calls': tx.calls + tl.calls, 'tables': tables}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000, help="records per side")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    customers = int(args.records * 0.7)
    suppliers = args.records - customers
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp, sandboxes(Path(tmp)) as urls:
        started = time.monotonic()
        seed_sandboxes(urls["tripletex"], urls["telaris"], customers=customers, suppliers=suppliers, seed=args.seed,
                       shares={"linked": 0.8, "drifted": 0.1, "twin": 0.1},
                       progress=lambda kind, done, total: print(f"  seeded {done:,}/{total:,} {kind}s",
                                                                end="\r", flush=True))
        print(f"\nseeded {args.records:,} records per side in {time.monotonic() - started:.0f}s")
        env = {"TX": urls["tripletex"], "TL": urls["telaris"], "DB": str(Path(tmp) / "sync.duckdb")}
        baseline = run_child(BASELINE, env)
        print(f"baseline (plain page fetching): {baseline['rows']:,} rows in {baseline['seconds']:.1f}s, "
              f"peak RSS {baseline['peak_rss_mb']:.0f} MB")
        extraction = run_child(EXTRACT, env)
        print(f"extraction into DuckDB:         {extraction['rows']:,} rows in {extraction['seconds']:.1f}s, "
              f"peak RSS {extraction['peak_rss_mb']:.0f} MB")
    for table, seconds in extraction["tables"].items():
        fetch = baseline["tables"][table]
        ratio_text = f"{seconds / fetch:.2f}" if fetch > 0 else "n/a (too small to time)"
        print(f"  {table:<20} fetch {fetch:7.2f}s   extract {seconds:7.2f}s   ratio {ratio_text}")
    assert extraction["rows"] == baseline["rows"] == 2 * 2 * args.records // 2
    ratio = extraction["seconds"] / baseline["seconds"]
    print(json.dumps({
        "records_per_side": args.records,
        "baseline_seconds": round(baseline["seconds"], 2),
        "extract_seconds": round(extraction["seconds"], 2),
        "overhead_ratio": round(ratio, 3),
        "peak_rss_mb": round(extraction["peak_rss_mb"], 1),
        "baseline_peak_rss_mb": round(baseline["peak_rss_mb"], 1),
        "records_per_second": round(extraction["rows"] / extraction["seconds"]),
    }))


if __name__ == "__main__":
    main()

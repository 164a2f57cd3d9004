"""`sync-pipeline`: run a sandbox, seed the sandboxes, or run the whole demo end to end."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sync_pipeline import settings

if TYPE_CHECKING:  # the registry's pydantic stays out of every command's start
    from sync_pipeline.tenants.company import Company

# Exit codes, the same for every command (`diagnose` documents them in its --help):
EXIT_OK = 0  # done; for diagnose: nothing found
EXIT_FOUND = 1  # diagnose: problems found (each printed with its fix)
EXIT_ERROR = 2  # the command could not do its work: a variable missing, a file or an answer it cannot use (one line)
EXIT_FILE_BUSY = 75  # EX_TEMPFAIL: the DuckDB file stayed busy with a run; try again later


class CommandError(RuntimeError):
    """A reason a command stops, in one line an operator can act on."""


def _cmd_sandbox(args: argparse.Namespace) -> int:
    from sync_pipeline.sandboxes.server import serve_forever

    if args.system == "tripletex":
        from sync_pipeline.sandboxes.tripletex import create_app
    else:
        from sync_pipeline.sandboxes.telaris import create_app
    where = f"data in {args.data}" if args.data else "in memory (state is lost on exit; pass --data DIR to keep it)"
    print(f"{args.system} sandbox on http://{args.host}:{args.port}, {where}", flush=True)
    serve_forever(create_app(args.data), args.host, args.port)
    return 0


def _root(url: str) -> str:
    """Server root of an API base URL (…/v2 for Tripletex)."""
    return url.removesuffix("/").removesuffix("/v2")


def _cmd_seed(args: argparse.Namespace) -> int:
    from sync_pipeline.sandboxes.seed import seed_sandboxes

    def progress(kind: str, done: int, total: int) -> None:
        print(f"  seeded {done:,}/{total:,} {kind}s", flush=True)

    summary = seed_sandboxes(_root(args.tripletex_url), _root(args.telaris_url), customers=args.customers,
                             suppliers=args.suppliers, seed=args.seed, progress=progress)
    print(f"Tripletex now holds {summary.tripletex}; Telaris holds {summary.telaris}")
    for kind, counts in summary.scenarios.items():
        print(f"  {kind}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from sync_pipeline.demo import run_demo

    return run_demo(customers=args.customers, suppliers=args.suppliers, seed=args.seed,
                    data_dir=Path(getattr(args, "data", None) or settings.setting("SYNC_DATA_DIR")))


def _cmd_ui(args: argparse.Namespace) -> int:
    from sync_pipeline.ui import UiPorts, run_ui

    home = Path(args.dagster_home or os.environ.get("DAGSTER_HOME") or ".dagster")
    return run_ui(Path(args.data or settings.setting("SYNC_DATA_DIR")), home, Path(args.workspace),
                  UiPorts(args.tripletex_port, args.telaris_port, args.receiver_port, args.port), host=args.host)


def _warehouse(data_dir: Company | str | Path | None, command: str):
    """The DuckDB file of a company (or of a data folder) as a terminal command uses it: it waits its turn beside
    running jobs, saying for whom."""
    from sync_pipeline.tenants.company import Company
    from sync_pipeline.warehouse.store import Warehouse

    if isinstance(data_dir, Company):
        data_dir = data_dir.data_dir
    return Warehouse(settings.duckdb_path(data_dir), who=f"`sync-pipeline {command}` (pid {os.getpid()})",
                     on_wait=lambda message: print(message, file=sys.stderr, flush=True))


def _record_subscriptions(data_dir: Company | str | Path, states: list) -> None:
    """Best effort: what the diagnostics read; a running job may hold the file, and the hourly job records it too."""
    from sync_pipeline.warehouse.lock import FileBusy
    from sync_pipeline.webhooks.records import record_subscriptions

    warehouse = _warehouse(data_dir, "webhooks subscribe")
    try:
        with warehouse.writing(timeout=5), warehouse.connect() as con:
            record_subscriptions(con, states)
    except FileBusy:
        print("(the DuckDB file is busy: the subscriptions' state is recorded by the next ensure_webhook_subscriptions "
              "run)", file=sys.stderr)


def _cmd_webhooks(args: argparse.Namespace) -> int:
    from sync_pipeline.webhooks.landing import Landing
    from sync_pipeline.words import counted

    if args.action == "serve":
        if args.tenant:
            raise CommandError("serve takes no --tenant: one receiver serves every company, each on "
                               "/webhooks/tripletex/NAME")
        from sync_pipeline.sandboxes.server import serve_forever
        from sync_pipeline.tenants.company import company
        from sync_pipeline.webhooks.receiver import PATH, ReceiverSettings, create_app, exposure_check, is_loopback

        single = company(None, args.data)  # its route; the registered companies' are looked up per delivery
        auth, secret = single.webhook_credentials()
        exposure_check(args.host, auth, sandbox=args.sandbox)
        if not auth:
            print("warning: TRIPLETEX_WEBHOOK_AUTH is not set: any caller's delivery is accepted", file=sys.stderr)
        print(f"webhook receiver on http://{args.host}:{args.port}{PATH}, landing in {Landing(single.data_dir).root}; "
              f"the companies of {single.data_dir / 'tenants.json'} on {PATH}/NAME, landing in "
              f"{single.data_dir / 'tenants'}/NAME", flush=True)
        serve_forever(create_app(ReceiverSettings(data_dir=str(single.data_dir), auth=auth, secret=secret,
                                                  tenants_without_auth=args.sandbox or is_loopback(args.host))),
                      args.host, args.port)
        return 0
    company = _company(args)
    if args.action == "subscribe":
        from sync_pipeline.webhooks.subscriptions import (
            ensure_subscriptions,
            missed_changes,
            public_url,
            subscription_credentials,
        )

        if args.wait:
            from sync_pipeline.sandboxes.server import wait_until_ready

            wait_until_ready(_root(company.tripletex_url), timeout=args.wait)
        url = public_url(company, args.url)
        auth, secret = subscription_credentials(company, url)  # unset, or none beyond loopback: one line
        states = ensure_subscriptions(company.tripletex_client(), url, auth, secret)
        _record_subscriptions(company, states)
        for state in states:
            print(f"  {state.event:<18} {state.status:<10} {state.action} (id {state.subscription_id})")
        if missed := missed_changes(states):
            Landing(company.data_dir).request_catch_up(f"subscriptions recreated: {', '.join(missed)}")
            print("Some subscriptions were down: the sensor will start a catch-up sync.")
        return 0
    moved = Landing(company.data_dir).replay()
    print(f"{counted(moved, 'failed delivery')} put back into incoming/ for the next webhook run")
    return 0


def _company(args: argparse.Namespace) -> Company:
    """The company a command acts for: `--tenant NAME` (a deployment with tenants), else the environment's one."""
    from sync_pipeline.tenants.company import company

    name = getattr(args, "tenant", None)
    if name and not settings.multi_tenant():
        raise CommandError(f"--tenant {name}: this deployment serves one company (set {settings.TENANTS_VARIABLE}=1 "
                           "to serve the registered companies)")
    if not name and settings.multi_tenant() and args.command not in ("status",):
        raise CommandError("this deployment serves several companies: name one with --tenant NAME "
                           "(`sync-pipeline tenants list` shows them)")
    return company(name, getattr(args, "data", None))


def _cmd_sync(args: argparse.Namespace) -> int:
    """The company's `sync` (or `sync_full`) as a Dagster run in this process: it shows in the UI like any other
    run, waits its turn beside running ones (the file lock), and the exit code says whether it succeeded."""
    company = _company(args)
    if not os.environ.get("DAGSTER_HOME"):
        raise CommandError("DAGSTER_HOME is not set: the run would not be recorded where the Dagster UI shows it "
                           "(export DAGSTER_HOME, the folder of the deployment's dagster.yaml)")
    if args.data:  # the run's resources read the data folder from the environment, as the deployment's do
        os.environ["SYNC_DATA_DIR"] = str(args.data)
    import dagster as dg

    from sync_pipeline.definitions import defs

    job = defs.resolve_job_def("sync_full" if args.full else "sync")
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False,
                                        # the terminal shows what the run did (INFO), as the demo does; every
                                        # event, DEBUG included, is in the run's log in the UI
                                        run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
                                        partition_key=company.name if company.is_tenant else None,
                                        tags={"sync_pipeline/launched_by": "sync-pipeline sync"})
    run = f"{job.name} run {result.run_id[:8]}" + (f" for {company.name}" if company.is_tenant else "")
    if result.success:
        print(f"{run} succeeded")
        return EXIT_OK
    failures = [event for event in result.all_events if event.is_step_failure]
    why = failures[0].step_failure_data.error.message.strip().splitlines()[-1] if failures else "see its log in the UI"
    print(f"{run} failed: {why}", file=sys.stderr)
    return EXIT_ERROR


def _cmd_status(args: argparse.Namespace) -> int:
    """One line per company: last successful sync, changes today, pending and parked writes, findings, webhooks,
    gate. Exit 1 when a company needs a person, as `diagnose` does."""
    import json

    import dagster as dg

    from sync_pipeline.defs.tenants import health_rows
    from sync_pipeline.tenants.company import companies

    chosen = [_company(args)] if args.tenant or not settings.multi_tenant() else companies(args.data)
    # the last successful sync is in Dagster's run records, when this terminal knows where they are
    with dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else contextlib.nullcontext() as instance:
        rows = [row.as_row() for row in health_rows(instance, chosen)]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    else:
        if not rows:
            print("No companies registered; add one with `sync-pipeline tenants add`.")
        # without DAGSTER_HOME this terminal cannot see the run records: "never" would be a wrong answer
        unknown = "never" if os.environ.get("DAGSTER_HOME") else "unknown (DAGSTER_HOME is not set)"
        for row in rows:
            print(f"{row['company']:<20} {row['state']:<13} last sync {row['last_sync'] or unknown}; "
                  f"{row['applied_today']} applied today, {row['pending']} pending, {row['parked']} parked; "
                  f"findings: {row['findings']}; webhooks {row['webhooks']}; gate {row['gate']}")
            if row["detail"]:
                print(f"{'':<20} {row['detail']}")
    return EXIT_FOUND if any(row["state"] == "attention" for row in rows) else EXIT_OK


def _cmd_link(args: argparse.Namespace) -> int:
    """The initial linking in a terminal: propose (and with --apply, link) per kind, the CSV for reviewers."""
    from sync_pipeline.domain.fields import Kind
    from sync_pipeline.linking.apply import apply_links, record_decisions
    from sync_pipeline.linking.review_csv import check_proposed, read_review_csv
    from sync_pipeline.linking.workflow import csv_path, proposals_in_words, propose_fresh
    from sync_pipeline.words import counted

    company = _company(args)
    data_dir = company.data_dir
    warehouse = _warehouse(str(data_dir), "link")
    telaris, tripletex = company.telaris_client(), company.tripletex_client()
    kinds = [Kind(args.kind)] if args.kind else list(Kind)
    with warehouse.writing():  # proposing and linking write: no run gets between them
        review = None
        if args.csv is not None:  # a reviewed CSV is applied as it stands, not proposed again; all of it checked first
            review = read_review_csv(Path(args.csv), Kind(args.kind) if args.kind else None)
            with warehouse.connect() as con:
                check_proposed(con, review)
            kinds = review.kinds
        for kind in kinds:
            if review is None:
                path = csv_path(data_dir, kind.value)
                print(proposals_in_words(propose_fresh(warehouse, telaris, tripletex, kind, path)))
            else:
                print(f"{kind.value}s: {review.in_words(kind)}")
            with warehouse.connect() as con:
                if review is not None and args.apply:
                    record_decisions(con, kind, review.accepted[kind], review.rejected[kind])
                result = apply_links(con, kind, telaris, tripletex, "cli", dry_run=not args.apply)
            verb = "linked" if args.apply else "would link (dry run; --apply writes)"
            print(f"  {verb} {counted(len(result.linked), kind.value)}; {len(result.skipped)} skipped, "
                  f"{len(result.failed)} failed")
            for telaris_id, tripletex_id, why in (result.skipped + result.failed)[:10]:
                print(f"    {telaris_id} -> {tripletex_id}: {why}")
            if result.gate and args.apply:
                print(f"  the switch-on gate stays closed: {result.gate}")
    return EXIT_OK


def _cmd_diagnose(args: argparse.Namespace) -> int:
    import json

    from sync_pipeline.diagnostics.findings import EXPLAINED, find

    company = _company(args)
    path = company.duckdb_path
    if not path.exists():
        raise CommandError(f"{path} does not exist: nothing has been synced into this data folder yet "
                           "(run the sync first, or pass --data)")
    with _warehouse(str(company.data_dir), "diagnose").connect(read_only=True) as con:
        findings = find(con, grace_minutes=args.grace_minutes)
    found = EXIT_FOUND if findings else EXIT_OK
    if args.json:
        for finding in findings:
            print(json.dumps(finding.as_dict(), ensure_ascii=False))
        return found
    if not findings:
        print("No problems found.")
    shown = None
    for f in findings:
        if f.problem != shown:
            shown = f.problem
            print(f"\n{f.problem}: {EXPLAINED[f.problem]}")
        records = " / ".join(x for x in (f"Telaris {f.telaris_id} {f.telaris_name or ''}".strip() if f.telaris_id
                                         else "", f"Tripletex {f.tripletex_id} {f.tripletex_name or ''}".strip()
                                         if f.tripletex_id else "") if x)
        print(f"  {f.kind or '':<9}{records}\n           {f.detail}\n           fix: {f.fix}")
    return found


class DefaultsOnce(argparse.ArgumentDefaultsHelpFormatter):
    """Shows an option's default unless its help already says it, or there is none to show (None, a flag's
    False): "(default: both) (default: None)" said it twice, the second time wrongly."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "(default" in text or action.default in (None, False, argparse.SUPPRESS):
            return text
        return super()._get_help_string(action) or text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sync-pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    defaults_shown = {"formatter_class": DefaultsOnce}
    sandbox = commands.add_parser("sandbox", help="serve a local Tripletex or Telaris sandbox",
                                  description="Serve a sandbox. Admin controls live under /_sandbox/.")
    sandbox.add_argument("system", choices=["tripletex", "telaris"])
    sandbox.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    sandbox.add_argument("--port", type=int, help="port to listen on (default: 8701 for tripletex, 8702 for telaris)")
    sandbox.add_argument("--data", default=None,
                         help="folder that keeps the sandbox's state across restarts (default: in memory)")
    sandbox.set_defaults(func=_cmd_sandbox)

    seed = commands.add_parser("seed", help="fill both running sandboxes with realistic Norwegian data",
                               **defaults_shown,
                               description="Generate deterministic customers and suppliers in both sandboxes: "
                                           "linked pairs, drifted pairs, unlinked twins and one-sided records.")
    seed.add_argument("--tripletex-url", default=settings.setting("TRIPLETEX_BASE_URL"),
                      help="Tripletex sandbox API root (TRIPLETEX_BASE_URL)")
    seed.add_argument("--telaris-url", default=settings.setting("TELARIS_BASE_URL"),
                      help="Telaris sandbox root (TELARIS_BASE_URL)")
    seed.add_argument("--customers", type=int, default=200, help="customers to generate")
    seed.add_argument("--suppliers", type=int, default=100, help="suppliers to generate")
    seed.add_argument("--seed", type=int, default=42, help="same seed, same data")
    seed.set_defaults(func=_cmd_seed)

    demo = commands.add_parser("demo", help="sandboxes + seed + the Dagster sync job, end to end", **defaults_shown,
                               description="Start both sandboxes with fresh seeded data (kept under DATA/sandboxes "
                                           "for `make ui`), run the Dagster job `sync` three times and report what "
                                           "it did in both systems.")
    demo.add_argument("--customers", type=int, default=200, help="customers to generate")
    demo.add_argument("--suppliers", type=int, default=100, help="suppliers to generate")
    demo.add_argument("--seed", type=int, default=42, help="same seed, same data")
    demo.add_argument("--data", default=argparse.SUPPRESS, help="data folder (default: SYNC_DATA_DIR or .data)")
    demo.set_defaults(func=_cmd_demo)

    webhooks = commands.add_parser("webhooks", help="the Tripletex webhook receiver, subscriptions and replay",
                                   description="serve: receive Tripletex webhooks into landing/tripletex/incoming "
                                               "(TRIPLETEX_WEBHOOK_AUTH, TRIPLETEX_WEBHOOK_SECRET). subscribe: make "
                                               "the six subscriptions exist and be ACTIVE (SYNC_WEBHOOK_PUBLIC_URL). "
                                               "replay: put failed deliveries back for the next run. A registered "
                                               "company (--tenant NAME) has its own route, "
                                               "/webhooks/tripletex/NAME, credentials and landing folder.",
                                   **defaults_shown)
    webhooks.add_argument("action", choices=["serve", "subscribe", "replay"])
    webhooks.add_argument("--host", default="127.0.0.1", help="address the receiver listens on")
    webhooks.add_argument("--port", type=int, default=8703, help="port the receiver listens on")
    webhooks.add_argument("--url", default=None, help="public URL for subscribe (default: SYNC_WEBHOOK_PUBLIC_URL)")
    webhooks.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    webhooks.add_argument("--tenant", metavar="NAME", default=None,
                          help="subscribe, replay: the company (with SYNC_TENANTS=1): its credentials, its folder, "
                               "the public URL with /NAME appended")
    webhooks.add_argument("--sandbox", action="store_true",
                          help="serve: it receives a sandbox's deliveries, so it may listen beyond loopback without "
                               "TRIPLETEX_WEBHOOK_AUTH")
    webhooks.add_argument("--wait", type=float, default=0,
                          help="subscribe: seconds to wait for a starting Tripletex sandbox to answer")
    webhooks.set_defaults(func=_cmd_webhooks)

    ui = commands.add_parser("ui", help="the sandboxes, the webhook receiver and the Dagster UI (`make ui`)",
                             **defaults_shown,
                             description="Serve both sandboxes (state from the last demo), the webhook receiver "
                                         "(subscribed, the sensor on) and `dagster dev`, with the sandboxes' tokens "
                                         "unless .env or the environment set others. Ctrl-C or SIGTERM stops all "
                                         "four.")
    ui.add_argument("--host", default="127.0.0.1", help="address of the Dagster UI")
    ui.add_argument("--port", type=int, default=3000, help="port of the Dagster UI")
    ui.add_argument("--tripletex-port", type=int, default=8701, help="port of the Tripletex sandbox")
    ui.add_argument("--telaris-port", type=int, default=8702, help="port of the Telaris sandbox")
    ui.add_argument("--receiver-port", type=int, default=8703, help="port of the webhook receiver")
    ui.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    ui.add_argument("--dagster-home", default=None, help="Dagster's folder (default: DAGSTER_HOME or .dagster)")
    ui.add_argument("--workspace", default="workspace.yaml", help="the Dagster workspace file")
    ui.set_defaults(func=_cmd_ui)

    link = commands.add_parser("link", help="the initial linking: propose, review, apply", **defaults_shown,
                               description="Propose a Tripletex counterpart for every Telaris record without a link "
                                           "(writes DATA/linking/link_proposals_<kind>.csv for reviewers) and show "
                                           "what would be linked; --apply links the auto proposals, or with --csv "
                                           "the reviewed file's decisions (the accept column: yes / no).")
    link.add_argument("--kind", choices=["customer", "supplier"], default=None, help="one kind (default: both)")
    link.add_argument("--apply", action="store_true", help="write the links (default: a dry run)")
    link.add_argument("--csv", default=None,
                      help="a reviewed proposals CSV (comma or semicolon separated) to apply; every row is checked "
                           "first, and a file with an error applies nothing")
    link.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    link.add_argument("--tenant", default=None, metavar="NAME", help=TENANT_HELP)
    link.set_defaults(func=_cmd_link)

    diagnose = commands.add_parser("diagnose", help="find and explain the common sync problems", **defaults_shown,
                                   description="Link missing, number mismatch, webhooks not arriving, mis-linked "
                                               "records, writes waiting for a person: each with the records, the "
                                               "problem and the fix. Exit codes: 0 nothing found, 1 problems found, "
                                               "2 could not diagnose (the reason in one line on stderr), 75 the "
                                               "DuckDB file stayed busy (try again).")
    diagnose.add_argument("--json", action="store_true", help="one JSON object per finding")
    diagnose.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    diagnose.add_argument("--grace-minutes", type=int, default=15,
                          help="how long a Tripletex change may wait for its webhook")
    diagnose.add_argument("--tenant", default=None, metavar="NAME", help=TENANT_HELP)
    diagnose.set_defaults(func=_cmd_diagnose)

    sync = commands.add_parser("sync", help="run the sync now, as a Dagster run shown in the UI", **defaults_shown,
                               description="Run the job `sync` (with --full: `sync_full`) for the company in this "
                                           "process, recorded in DAGSTER_HOME so the UI shows it; it waits its turn "
                                           "beside running jobs. Exit 0 when the run succeeded, 2 when it failed "
                                           "(the first failure in one line).")
    sync.add_argument("--tenant", default=None, metavar="NAME", help=TENANT_HELP)
    sync.add_argument("--full", action="store_true", help="a full reconciliation (deletions noticed)")
    sync.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    sync.set_defaults(func=_cmd_sync)

    status = commands.add_parser("status", help="each company's health: last sync, writes, findings, webhooks, gate",
                                 **defaults_shown,
                                 description="One line per company (every registered one with SYNC_TENANTS=1): the "
                                             "last successful sync, changes applied today, pending and parked writes, "
                                             "diagnostics findings by problem, webhook subscriptions and the switch-on "
                                             "gate. Exit 0 when all are well, 1 when one needs a person.")
    status.add_argument("--tenant", default=None, metavar="NAME", help="one company (default: all)")
    status.add_argument("--json", action="store_true", help="one JSON object per company")
    status.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    status.set_defaults(func=_cmd_status)

    from sync_pipeline.tenants.cli import add_parser as add_tenants_parser

    add_tenants_parser(commands)
    return parser


TENANT_HELP = "the company (with SYNC_TENANTS=1; `sync-pipeline tenants list` shows them)"
SANDBOX_PORTS = {"tripletex": 8701, "telaris": 8702}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line with every default filled in (a sandbox's port depends on which sandbox it is)."""
    args = build_parser().parse_args(argv)
    if args.command == "sandbox" and args.port is None:
        args.port = SANDBOX_PORTS[args.system]
    return args


def load_env_file(path: Path) -> bool:
    """The settings a `.env` in the working directory holds (as `make ui` reads it, see .env.example), under what the
    environment already sets: the error for a missing setting says either place will do. True when it was read."""
    if not path.is_file():
        return False
    from dotenv import load_dotenv

    load_dotenv(path, override=False)
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the command; a reason it cannot do its work is one line on stderr, never a traceback: exit code 75 when
    the DuckDB file stayed busy (try again), 2 for anything else."""
    from sync_pipeline.clients.errors import ApiError
    from sync_pipeline.linking.review_csv import ReviewCsvError
    from sync_pipeline.tenants.registry import TenantError
    from sync_pipeline.warehouse.lock import FileBusy
    from sync_pipeline.webhooks.receiver import UnsafeExposure

    args = parse_args(argv)
    # the demo brings its own sandboxes and their tokens: a real token stays out of it. SYNC_READ_DOTENV=0 (the
    # test suite's) keeps a developer's .env out of what the tests prove
    if args.command != "demo" and os.environ.get("SYNC_READ_DOTENV") != "0" and load_env_file(Path(".env")):
        args = parse_args(argv)  # defaults taken from the environment (seed's URLs) see .env too
    try:
        return args.func(args)
    except FileBusy as busy:  # one line naming who holds the file
        print(f"sync-pipeline {args.command}: {busy}", file=sys.stderr)
        return EXIT_FILE_BUSY
    except (CommandError, settings.MissingSetting, ReviewCsvError, ApiError, UnsafeExposure, TenantError) as exc:
        print(f"sync-pipeline {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a crash still says what happened in one line; the traceback helps only a developer
        if os.environ.get("SYNC_TRACEBACK"):
            raise
        print(f"sync-pipeline {args.command} failed: {type(exc).__name__}: {exc} (SYNC_TRACEBACK=1 shows where)",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())


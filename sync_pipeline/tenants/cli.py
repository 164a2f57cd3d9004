"""`sync-pipeline tenants add|list|remove`: the companies one deployment serves."""

from __future__ import annotations

import argparse
import json
import sys

from sync_pipeline import settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    tenants = commands.add_parser(
        "tenants", help="the companies this deployment serves: add, list, remove",
        description="A company is a Dagster partition key with its own DuckDB file and landing folders under "
                    "SYNC_DATA_DIR/tenants/NAME/. Credentials are given as the NAMES of environment variables, never "
                    "as values.")
    actions = tenants.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="register a company (no restart needed)")
    add.add_argument("name", help="lower-case letters, digits, '-' or '_' (the partition key)")
    add.add_argument("--tripletex-url", required=True, help="Tripletex API root, as TRIPLETEX_BASE_URL")
    add.add_argument("--telaris-url", required=True, help="Telaris root, as TELARIS_BASE_URL")
    add.add_argument("--tripletex-consumer-token-env", required=True, metavar="VAR",
                     help="the variable holding the consumer token")
    add.add_argument("--tripletex-employee-token-env", required=True, metavar="VAR",
                     help="the variable holding the employee token")
    add.add_argument("--telaris-token-env", required=True, metavar="VAR", help="the variable holding the Telaris token")
    add.add_argument("--tripletex-company-id", type=int, default=0,
                     help="the client company an accountant's token pair acts for (0: the pair's own company)")
    add.add_argument("--webhook-auth-env", metavar="VAR", help="the variable holding the webhook Authorization value")
    add.add_argument("--webhook-secret-env", metavar="VAR", help="the variable holding the webhook HMAC secret")
    listing = actions.add_parser("list", help="the registered companies")
    listing.add_argument("--json", action="store_true", help="one JSON object per company")
    remove = actions.add_parser("remove", help="unregister a company (its folder is kept)")
    remove.add_argument("name")
    for parser in (add, listing, remove):
        parser.add_argument("--data", default=None, help="data folder (default: SYNC_DATA_DIR or .data)")
    tenants.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sync_pipeline.tenants.registry import Registry, TenantError

    registry = Registry(args.data or settings.setting("SYNC_DATA_DIR"))
    try:
        if args.action == "list":
            return _list(registry, args.json)
        import dagster as dg

        from sync_pipeline.defs.tenants import add_tenant, remove_tenant

        with dg.DagsterInstance.get() as instance:
            if args.action == "add":
                fields = {k: v for k, v in vars(args).items() if k not in ("command", "action", "func", "data")
                          and v is not None}
                tenant = add_tenant(registry, instance, **fields)
                print(f"added {tenant.name}: data in {tenant.data_dir(registry.root)}; credentials from "
                      f"{tenant.tripletex_consumer_token_env}, {tenant.tripletex_employee_token_env}, "
                      f"{tenant.telaris_token_env}")
            else:
                tenant = remove_tenant(registry, instance, args.name)
                if tenant is None:
                    print(f"removed the entry of {args.name}, which was not valid")
                else:
                    print(f"removed {tenant.name}; its folder {tenant.data_dir(registry.root)} is kept")
    except TenantError as error:
        print(f"sync-pipeline tenants: {error}", file=sys.stderr)
        return 2
    return 0


def _list(registry, as_json: bool) -> int:
    tenants = list(registry)
    for tenant in tenants:
        if as_json:
            print(json.dumps(tenant.model_dump(mode="json")))
        else:
            company = f" company {tenant.tripletex_company_id}" if tenant.tripletex_company_id else ""
            print(f"{tenant.name:<24} {tenant.tripletex_url}{company}  {tenant.telaris_url}")
    if not tenants and not as_json:
        print("No companies registered; add one with `sync-pipeline tenants add`.")
    return 0

"""Running the real sync (Dagster materialisations) against the sandboxes, and reading its state."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import dagster as dg
import duckdb

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.defs.diagnostics.definitions import diagnostic_checks
from sync_pipeline.defs.extract.assets import extract_assets
from sync_pipeline.defs.resources import TelarisResource, TripletexResource, WarehouseResource
from sync_pipeline.defs.sync.assets import sync_assets
from sync_pipeline.domain.fields import Kind
from sync_pipeline.warehouse.store import HASHED_TABLES, fields_hash_sql

if TYPE_CHECKING:
    from sync_pipeline_tests.conftest import Admin

ORG_A, ORG_B = "974760673", "923609016"


class SyncRig:
    def __init__(self, tripletex_server, telaris_server, data_dir: Path, tripletex_admin: Admin,
                 telaris_admin: Admin) -> None:
        self.resources = {
            "tripletex": TripletexResource(base_url=tripletex_server.url + "/v2", consumer_token="c",
                                           employee_token="e"),
            "telaris": TelarisResource(base_url=telaris_server.url, api_token="telaris-sandbox-token"),
            "warehouse": WarehouseResource(data_dir=str(data_dir)),
        }
        self.db = data_dir / "sync.duckdb"
        self.tripletex_admin = tripletex_admin
        self.telaris_admin = telaris_admin

    def run(self, *, selection: list[str] | None = None, dry_run: bool = False, full: bool = False,
            parked_retry_minutes: float = 5.0) -> dg.ExecuteInProcessResult:
        config: dict[str, Any] = {"ops": {"sync_applied": {"config": {"dry_run": dry_run,
                                                                      "parked_retry_minutes": parked_retry_minutes}},
                                          "invoice_export_customers": {"config": {"dry_run": dry_run}}}}
        if full:
            for asset in extract_assets:
                config["ops"][asset.key.to_python_identifier()] = {"config": {"full": True}}
        chosen = dg.AssetSelection.assets(*selection) if selection else None
        if selection:  # run config may only name the selected steps
            config["ops"] = {op: c for op, c in config["ops"].items() if op in selection}
        result = dg.materialize([*extract_assets, *sync_assets, *diagnostic_checks], resources=self.resources,
                                selection=chosen, run_config=config)
        assert result.success
        return result

    def run_checks(self) -> dg.ExecuteInProcessResult:
        """The diagnostics alone ("Execute checks" in the UI), whether or not they succeed."""
        return dg.materialize([*extract_assets, *sync_assets, *diagnostic_checks], resources=self.resources,
                              selection=dg.AssetSelection.all_asset_checks(), raise_on_error=False)

    def sync(self, **kwargs: Any) -> dict[str, list[dict[str, Any]]]:
        """One sync; returns the writes each sandbox received during it."""
        self.tripletex_admin.clear_log()
        self.telaris_admin.clear_log()
        self.run(**kwargs)
        self.assert_hashes_current()
        return {"tripletex": self.writes(self.tripletex_admin, "/v2/"),
                "telaris": self.writes(self.telaris_admin, "/api/v1/")}

    def assert_hashes_current(self) -> None:
        """The diff skips pairs whose stored fields hashes match base's; a hash left stale by any writer would hide
        a change for good. After every sync, each stored hash must equal the hash of the row's fields."""
        for table in HASHED_TABLES:
            stale = self.query(f"SELECT count(*) FROM {table} WHERE fields_hash IS DISTINCT FROM {fields_hash_sql()}")
            assert stale == [(0,)], f"{table}: {stale[0][0]} rows with a stale fields hash"

    @staticmethod
    def writes(admin: Admin, prefix: str) -> list[dict[str, Any]]:
        return [e for e in admin.requests(prefix) if e["method"] in ("POST", "PUT", "PATCH", "DELETE")
                and "/token/" not in e["path"]]

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    @staticmethod
    def metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict[str, Any]:
        for event in result.get_asset_materialization_events():
            materialization = event.event_specific_data.materialization
            if materialization.asset_key.to_user_string() == asset:
                return {k: v.value for k, v in materialization.metadata.items()}
        raise KeyError(asset)


def linked_pair(tripletex: TripletexClient, telaris: TelarisClient, kind: Kind, **overrides) -> tuple[dict, dict]:
    """The same company in both systems, linked, each written its own way."""
    number_field = "customerNumber" if kind is Kind.CUSTOMER else "supplierNumber"
    x = tripletex.create(kind, {"name": "Fjord Bygg AS", number_field: 4242, "organizationNumber": ORG_A,
                                "email": "post@fjord.no", "phoneNumber": "+4791234567",
                                "postalAddress": {"addressLine1": "Strandgata 1", "postalCode": "5004",
                                                  "city": "Bergen", "country": {"id": 161}}})
    t = telaris.create(kind, {"name": "Fjord Bygg AS", "number": "4242", "organisation_number": "974 760 673",
                              "email": "Post@Fjord.no", "phone": "912 34 567", "tripletex_id": x["id"],
                              "address": {"line1": "Strandgata 1", "postal_code": "5004", "city": "Bergen",
                                          "country": "NO"}, **overrides})
    return t, x

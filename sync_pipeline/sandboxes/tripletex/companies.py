"""Companies in the Tripletex sandbox, as Tripletex keeps them: the Basic-auth user name picks the company.

`0:<sessionToken>` acts in the own company of the session's employee token; `<companyId>:<sessionToken>` in another
company that employee may reach (an accountant's client companies), so one token pair serves several companies.
Each company is a store of its own (its own ids, counters, subscriptions and webhook deliveries), created the first
time it is used: with `--data DIR` company 1 keeps `DIR/tripletex.sqlite` (so a folder written before companies
existed is still company 1) and company N lives in `DIR/companies/N/`. Which companies an employee token reaches is
declared through `/_sandbox/companies`; undeclared, a token reaches only company 1, the single company the sandbox
always had.
"""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass
from pathlib import Path

from sync_pipeline.sandboxes.tripletex.errors import ApiError
from sync_pipeline.sandboxes.tripletex.store import TripletexStore
from sync_pipeline.sandboxes.tripletex.webhooks import DeliverySettings, Webhooks

HOME = 1
MAX_COMPANY_ID = 2**31 - 1  # Tripletex's company ids are int32 (LoggedInUserInfo.companyId)


@dataclass
class Company:
    id: int
    store: TripletexStore
    webhooks: Webhooks


@dataclass(frozen=True)
class Auth:
    """Who a request is: the company it acts in and whether that is another than the employee's own."""

    company: int
    own: int


def basic_credentials(header: str) -> tuple[str, str] | None:
    """(user name, session token) of a Basic authorization header, or None when it is not one."""
    if not header.startswith("Basic "):
        return None
    try:
        user, sep, token = base64.b64decode(header[6:]).decode().partition(":")
    except ValueError:  # not base64, or not text
        return None
    return (user, token) if sep else None


class Companies:
    def __init__(self, data_dir: str | Path | None, settings: DeliverySettings, wake: threading.Event) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.settings = settings
        self.wake = wake
        self._lock = threading.Lock()
        self._companies: dict[int, Company] = {}
        self.home = self.get(HOME)
        if self.data_dir is not None and (self.data_dir / "companies").is_dir():
            # companies written before a restart, so that their waiting webhook deliveries go out again
            for folder in (self.data_dir / "companies").iterdir():
                if folder.name.isdigit() and 0 < int(folder.name) <= MAX_COMPANY_ID:
                    self.get(int(folder.name))

    def get(self, company_id: int) -> Company:
        """The company's store, created on first use (an empty company, its ids starting where Tripletex's do)."""
        if not 0 < company_id <= MAX_COMPANY_ID:
            raise ValueError(f"company ids are 1 to {MAX_COMPANY_ID}, not {company_id}")
        with self._lock:
            company = self._companies.get(company_id)
            if company is None:
                folder = None
                if self.data_dir is not None:
                    folder = self.data_dir if company_id == HOME else self.data_dir / "companies" / str(company_id)
                store = TripletexStore(folder, home=company_id == HOME)
                webhooks = Webhooks(store, self.settings, self.wake)
                store.notify = webhooks.enqueue
                company = self._companies[company_id] = Company(company_id, store, webhooks)
            return company

    def all(self) -> list[Company]:
        with self._lock:
            return list(self._companies.values())

    # ---- which companies an employee token reaches ------------------------------------------------------------
    def declare(self, employee: str, companies: list[int], own: int | None = None) -> tuple[int, list[int]]:
        """Let `employee` reach `companies`; its own company is `own` (default the first listed), always reached."""
        if not isinstance(employee, str) or not employee or not isinstance(companies, list) or not companies:
            raise ValueError("employee_token (text) and a non-empty list of companies are required")
        for cid in [*companies, *([own] if own is not None else [])]:
            if isinstance(cid, bool) or not isinstance(cid, int) or not 0 < cid <= MAX_COMPANY_ID:
                raise ValueError(f"company ids are integers from 1 to {MAX_COMPANY_ID}, not {cid!r}")
        own = companies[0] if own is None else own
        reached = sorted({*companies, own})
        with self.home.store.db.transaction() as con:
            con.execute("DELETE FROM employee_company WHERE employee = ?", (employee,))
            con.executemany("INSERT INTO employee_company VALUES (?, ?, ?)",
                            [(employee, cid, int(cid == own)) for cid in reached])
        return own, reached

    def reach(self, employee: str) -> tuple[int, list[int]]:
        """(own company, every company reached) of an employee token; undeclared: company 1 only."""
        rows = self.home.store.db.query(
            "SELECT company, own FROM employee_company WHERE employee = ? ORDER BY company", (employee,))
        if not rows:
            return HOME, [HOME]
        return next(r[0] for r in rows if r[1]), [r[0] for r in rows]

    # ---- per request ------------------------------------------------------------------------------------------
    def authenticate(self, header: str) -> Auth:
        """The company a request acts in. A bad or expired session is 401; a company the employee cannot reach is
        403 with code 9000, the session itself being good (so a client does not renew it in vain)."""
        credentials = basic_credentials(header)
        employee = None
        if credentials is not None and credentials[0].isascii() and credentials[0].isdigit():
            employee = self.home.store.session_employee(credentials[1])
        if employee is None:
            raise ApiError(401, 3000, "Unauthorized: session token is missing, invalid or expired")
        own, reached = self.reach(employee)
        wanted = int(credentials[0]) or own
        if wanted not in reached:
            raise ApiError(403, 9000, f"Forbidden: the employee of this session has no access to company {wanted}")
        return Auth(wanted, own)

    def company_of(self, header: str) -> int | None:
        """The company a request would act in, for the request log and company-scoped faults; None when the
        request would not pass authentication."""
        try:
            return self.authenticate(header).company
        except ApiError:
            return None

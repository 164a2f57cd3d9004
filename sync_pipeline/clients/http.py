"""The request discipline both clients share: retries with backoff, waiting out rate limits, typed errors.

A 429 is waited out for as long as the server says (hammering a rate-limited API only extends the ban), and a
connection that could not even be opened is tried again: in both cases the server did nothing. Other transient
trouble (a dropped connection, a timeout, a 5xx) is retried with exponential backoff and jitter **only for a
request that is safe to repeat**: GET, PUT, DELETE, a PATCH guarded by If-Match, or anything carrying an
Idempotency-Key. A create without a key whose answer is lost raises OutcomeUnknown instead: retrying it blindly
would make a duplicate when the first attempt was carried out. Every retry is logged with its attempt number and
wait; tokens never reach a log line or an error (see clients.redact).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

import orjson
import requests
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from sync_pipeline.clients.errors import (
    ApiError,
    OutcomeUnknown,
    RateLimited,
    ServerError,
    TransportError,
    Unauthorized,
    UnreadableAnswer,
    error_class,
)
from sync_pipeline.clients.redact import redact
from sync_pipeline.domain.json_text import readable_json

T = TypeVar("T")
log = logging.getLogger("sync_pipeline.clients")
# The longest wait between two retries of one request (the exponential backoff starts at 0.2 s); a 429's wait is the
# server's and is not capped. A client given max_backoff uses that instead.
MAX_BACKOFF_VARIABLE = "SYNC_RETRY_MAX_SECONDS"
DEFAULT_MAX_BACKOFF = 20.0
TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def is_repeatable(method: str, headers: Mapping[str, str] | None) -> bool:
    """Whether sending the request twice has the effect of sending it once."""
    names = {name.lower() for name in headers or {}}
    return method.upper() in SAFE_METHODS or "idempotency-key" in names or "if-match" in names


def never_sent(exc: BaseException) -> bool:
    """The connection was never opened, so the server cannot have acted on the request."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and not isinstance(exc, requests.exceptions.ChunkedEncodingError):
        text = str(exc)
        return "NewConnectionError" in text or "Connection refused" in text or "Name or service" in text
    return False


def describe_failure(exc: BaseException, timeout: float) -> str:
    """A transport failure in words, never with the URL (its query may hold tokens)."""
    text = str(exc)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"could not connect within {timeout:g} s"
    if isinstance(exc, requests.Timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError) or "RemoteDisconnected" in text \
            or "IncompleteRead" in text or "Connection aborted" in text:
        return "the connection was cut before the answer was complete"
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the host name could not be resolved"
    return redact(f"{type(exc).__name__}: {text}")


class _RetryableStatus(Exception):
    def __init__(self, response: requests.Response, wait: float | None = None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.wait = wait


def parse_json(body: bytes) -> Any:
    """orjson (pages of a thousand records parse several times faster than with json); a body holding a broken
    character, which orjson refuses whole, is parsed again with that character made U+FFFD
    (domain.json_text), so one record cannot make a whole answer unreadable."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return orjson.loads(readable_json(body))


def json_of(response: requests.Response) -> Any:
    return parse_json(response.content)


class JsonApiClient:
    """Base for the two API clients. Subclasses say how to authenticate, how long a 429 lasts and how to read
    their error bodies."""

    system = "api"
    base_url_setting = "the base URL"  # the environment variable that sets base_url, named in connection errors

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        max_attempts: int = 6,
        max_backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_attempts = max_attempts
        if max_backoff is None:
            max_backoff = float(os.environ.get(MAX_BACKOFF_VARIABLE) or DEFAULT_MAX_BACKOFF)
        self.max_backoff = max_backoff
        self.sleep = sleep
        self.http = requests.Session()
        self.calls = 0  # requests actually sent, retries included: what benchmarks count
        self._backoff = wait_exponential_jitter(initial=0.2, max=max_backoff, jitter=0.2)

    # ---- hooks for subclasses -------------------------------------------------------------------------------
    def _auth(self, request_kwargs: dict[str, Any]) -> None:
        """Add credentials to a request."""

    def _renew_auth(self) -> bool:
        """Called once on 401; return True when new credentials are worth a retry."""
        return False

    def _rate_limit_wait(self, response: requests.Response) -> float:
        return 1.0

    def _credentials_for(self, path: str) -> str:
        """The environment variable(s) holding the credentials a 401/403 on `path` refused."""
        return ""

    def _after_response(self, response: requests.Response) -> None:
        """Inspect every answer (e.g. for rate-limit headers)."""

    def _error(self, response: requests.Response, method: str, path: str) -> ApiError:
        return error_class(response.status_code)(self.system, response.status_code, response.text[:500],
                                                  method=method, path=path)

    # ---- the request loop -----------------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
    ) -> requests.Response:
        renewed = False
        while True:
            response = self._send_with_retries(method, path, params=params, json=json, headers=headers, auth=auth)
            if response.status_code == 401 and auth and not renewed and self._renew_auth():
                renewed = True
                continue
            if response.status_code >= 400:
                error = self._error(response, method, path)
                if isinstance(error, Unauthorized):
                    error.refused = self._credentials_for(path)
                raise error
            return response

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """`request` and parse the JSON answer."""
        return self.read_answer(self.request(method, path, **kwargs), parse_json)

    def read_answer(self, response: requests.Response, read: Callable[[bytes], T]) -> T:
        """`read` the body of a successful answer; a body it cannot read (an HTML page from a proxy, say) becomes
        an UnreadableAnswer that says which request got it, instead of a parser's bare complaint."""
        try:
            return read(response.content)
        except Exception as exc:
            sent = response.request  # its path only: Tripletex takes tokens in the query
            path = urlsplit(sent.url or "").path.removeprefix(urlsplit(self.base_url).path)
            raise UnreadableAnswer(self.system, response.status_code,
                                   f"the answer could not be read as the API documents it "
                                   f"({response.headers.get('content-type', 'no content type')}; "
                                   f"{type(exc).__name__}: {exc})", method=sent.method or "", path=path) from exc

    def _send_with_retries(self, method: str, path: str, *, auth: bool, **kwargs: Any) -> requests.Response:
        repeatable = is_repeatable(method, kwargs.get("headers"))

        def worth_retrying(exc: BaseException) -> bool:
            if isinstance(exc, _RetryableStatus):
                return exc.response.status_code == 429 or repeatable
            if isinstance(exc, requests.RequestException):
                return never_sent(exc) or (repeatable and isinstance(exc, TRANSIENT))
            return False

        retrying = Retrying(retry=retry_if_exception(worth_retrying), stop=stop_after_attempt(self.max_attempts),
                            wait=self._wait, sleep=self.sleep, before_sleep=self._log_retry(method, path),
                            reraise=True)
        try:
            return retrying(self._send_once, method, path, auth=auth, **kwargs)
        except _RetryableStatus as exc:
            raise self._error(exc.response, method, path) from None
        except requests.RequestException as exc:
            reason = describe_failure(exc, self.timeout)
            if not repeatable and not never_sent(exc):
                raise OutcomeUnknown(self.system, reason + "; the request may or may not have been carried out",
                                     method=method, path=path) from None
            hint = f"check {self.base_url_setting}" if never_sent(exc) else ""
            target = urlsplit(self.base_url).netloc
            raise TransportError(self.system, f"could not reach {target}: {reason}" if never_sent(exc) else reason,
                                 method=method, path=path, hint=hint) from None

    def _log_retry(self, method: str, path: str) -> Callable[[RetryCallState], None]:
        def log_it(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            if isinstance(exc, _RetryableStatus):
                what = f"answered {exc.response.status_code}"
            else:
                what = describe_failure(exc, self.timeout) if exc else "failed"
            wait = state.next_action.sleep if state.next_action else 0.0
            log.warning("%s %s %s: %s (attempt %d of %d); retrying in %.1f s", self.system, method, path, what,
                        state.attempt_number, self.max_attempts, wait)
        return log_it

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _RetryableStatus) and exc.wait is not None:
            return exc.wait
        return self._backoff(state)

    def _send_once(self, method: str, path: str, *, auth: bool, **kwargs: Any) -> requests.Response:
        request_kwargs: dict[str, Any] = {k: v for k, v in kwargs.items() if v is not None}
        request_kwargs["timeout"] = self.timeout
        if auth:
            self._auth(request_kwargs)
        self.calls += 1
        started = time.monotonic()
        response = self.http.request(method, self.base_url + path, **request_kwargs)
        log.debug("%s %s %s -> %s in %.0f ms", self.system, method, path, response.status_code,
                  (time.monotonic() - started) * 1000)
        self._after_response(response)
        if response.status_code == 429:
            raise _RetryableStatus(response, self._rate_limit_wait(response))
        if response.status_code >= 500:
            raise _RetryableStatus(response)
        return response


__all__ = ["JsonApiClient", "RateLimited", "ServerError", "TransportError"]

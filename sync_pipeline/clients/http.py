"""The request discipline both clients share: retries with backoff, waiting out rate limits, typed errors.

Transient trouble (a dropped connection, a timeout, a 5xx) is retried with exponential backoff and jitter; a 429 is
waited out for as long as the server says, because hammering a rate-limited API only extends the ban. Everything
else becomes a typed ApiError at once. Tokens never reach the log: only method, path and status do.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

import orjson
import requests
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from sync_pipeline.clients.errors import (
    ApiError,
    RateLimited,
    ServerError,
    TransportError,
    UnreadableAnswer,
    error_class,
)

T = TypeVar("T")
log = logging.getLogger("sync_pipeline.clients")
_SECRET_PARAMS = re.compile(r"((?:consumerToken|employeeToken|token|api_token)=)[^&\s\"]+", re.IGNORECASE)


class RedactSecrets(logging.Filter):
    """urllib3 logs every request line at DEBUG, and Tripletex takes its tokens as query parameters: blank them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET_PARAMS.sub(r"\1***", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


logging.getLogger("urllib3.connectionpool").addFilter(RedactSecrets())


class _RetryableStatus(Exception):
    def __init__(self, response: requests.Response, wait: float | None = None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.wait = wait


def json_of(response: requests.Response) -> Any:
    """Parse a JSON answer with orjson: pages of a thousand records are parsed several times faster."""
    return orjson.loads(response.content)


class JsonApiClient:
    """Base for the two API clients. Subclasses say how to authenticate, how long a 429 lasts and how to read
    their error bodies."""

    system = "api"

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        max_attempts: int = 6,
        max_backoff: float = 20.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_attempts = max_attempts
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
                raise self._error(response, method, path)
            return response

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """`request` and parse the JSON answer."""
        return self.read_answer(self.request(method, path, **kwargs), orjson.loads)

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
        retrying = Retrying(
            retry=retry_if_exception_type((_RetryableStatus, requests.ConnectionError, requests.Timeout,
                                           requests.exceptions.ChunkedEncodingError)),
            stop=stop_after_attempt(self.max_attempts),
            wait=self._wait,
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(self._send_once, method, path, auth=auth, **kwargs)
        except _RetryableStatus as exc:
            raise self._error(exc.response, method, path) from None
        except requests.RequestException as exc:
            raise TransportError(self.system, 0, f"{type(exc).__name__}: {exc}", method=method, path=path) from exc

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
            wait = self._rate_limit_wait(response)
            log.warning("%s rate limit hit on %s %s; waiting %.1f s as the server asks", self.system, method,
                        path, wait)
            raise _RetryableStatus(response, wait)
        if response.status_code >= 500:
            log.warning("%s %s %s answered %s; retrying", self.system, method, path, response.status_code)
            raise _RetryableStatus(response)
        return response


__all__ = ["JsonApiClient", "RateLimited", "ServerError", "TransportError"]

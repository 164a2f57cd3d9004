"""Secrets never leave the process in text: every error message, log line and metadata value built from an API
answer or a transport failure passes through `redact`.

Tripletex takes its tokens in the query string of the session call, so a transport error's text (which names the
URL) carries them; a refused connection or a proxy's page can echo them too. Redacting at the source — where the
text is made — covers the console, Dagster's event log, compute logs and the UI alike.
"""

from __future__ import annotations

import logging
import re
import threading

_SECRET_PARAMS = re.compile(r"((?:consumerToken|employeeToken|token|api_token|access_token)=)[^&\s\"']+",
                            re.IGNORECASE)
_BEARER = re.compile(r"(Bearer\s+)[^\s\"']+", re.IGNORECASE)
_lock = threading.Lock()
_secrets: set[str] = set()
MASK = "***"


def register_secret(value: str | None) -> None:
    """Remember a credential this process holds, so any text that would carry it is masked."""
    if value and len(value) >= 4:  # a very short value would mask ordinary words
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    text = _SECRET_PARAMS.sub(r"\1" + MASK, text)
    text = _BEARER.sub(r"\1" + MASK, text)
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class RedactSecrets(logging.Filter):
    """urllib3 logs every request line at DEBUG, with the query: mask it before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


for _name in ("urllib3.connectionpool", "urllib3", "sync_pipeline.clients"):
    logging.getLogger(_name).addFilter(RedactSecrets())

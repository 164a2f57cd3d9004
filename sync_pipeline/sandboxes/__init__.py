"""Local stand-ins for Tripletex and Telaris: real HTTP servers speaking each API's shapes, errors, limits and
webhooks, with admin controls under /_sandbox/ for tests (faults, request log, reset)."""

"""Telaris API v1 sandbox, implementing the contract in its own openapi.json."""

from sync_pipeline.sandboxes.telaris.app import create_app

__all__ = ["create_app"]

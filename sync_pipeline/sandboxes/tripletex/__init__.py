"""Tripletex API v2 sandbox (customer, supplier, session, currency, country, event subscriptions, webhooks)."""

from sync_pipeline.sandboxes.tripletex.app import create_app

__all__ = ["create_app"]

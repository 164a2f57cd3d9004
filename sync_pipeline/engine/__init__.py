"""The sync engine: links, three-way diff, planning intents into the outbox, and applying them.

Set work (pairs, changed fields, matching candidates) is DuckDB SQL; Python only loops over the intents it sends.
"""

"""The sync's rules as plain Python: records, fields, normalisation and mapping.

Nothing in this package imports Dagster or an HTTP library, so every rule can be read and tested on its own.
"""

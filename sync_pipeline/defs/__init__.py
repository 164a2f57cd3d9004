"""The Dagster layer: wires the domain, clients and warehouse into assets, jobs, schedules and sensors.

Each folder builds its own `dg.Definitions`; `sync_pipeline.definitions` merges them.
"""

"""One writer per DuckDB file, whatever launched the run.

A DuckDB file takes a single writing process. The run queue can keep runs of one file apart, but only by a run tag,
and a tag on a job reaches only the runs of that job: "Materialize selected" in the asset graph, a partition backfill
of the initial linking or "Execute checks" run Dagster's implicit asset job and carried no tag, so they collided with
the sync on the file ("Could not set lock on file … Conflicting lock is held").

This coordinator is Dagster's own queued run coordinator that stamps every run it is handed — from the UI, a
backfill, a sensor, a schedule or `dagster job launch` — with the file it writes, before queueing it. `dagster.yaml`
then lets one run per tag value through (`applyLimitPerUniqueValue`): one at a time per file, and runs of other files
(other companies, each with a file of its own) side by side. A queued run shows in the UI which limit holds it.

Runs that bypass the queue (`dagster job execute`, `execute_in_process`) and terminal commands meet the file lock in
`warehouse.lock` instead, which makes them wait rather than fail.

Loaded by the webserver and the daemon from `dagster.yaml`: keep this module's imports light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dagster import DagsterRun, QueuedRunCoordinator, SubmitRunContext

from sync_pipeline.settings import multi_tenant

DUCKDB_FILE_TAG = "sync_pipeline/duckdb_file"
# The company a run works for names its file (partition key of the tenant dimension, or a tag a job sets).
TENANT_TAGS = ("sync_pipeline/tenant", "dagster/partition/tenant")
PARTITION_TAG = "dagster/partition"
SINGLE_FILE = "default"
TENANTS = "tenants"  # the dynamic partitions of the companies (defs.partitions.TENANTS)


def tenant_of(tags: Mapping[str, str], is_company: Callable[[str], bool] | None = None) -> str | None:
    """The company a run works for: a tag naming it, the tenant dimension of a company × kind key, or the partition
    key of a company-partitioned run. Whether a plain partition key is a company is asked of `is_company` (the
    coordinator asks Dagster's partitions `tenants`), else of SYNC_TENANTS. None: the single company, or a run of no
    company."""
    named = next((tags[key] for key in TENANT_TAGS if tags.get(key)), None)
    if named:
        return named
    partition = tags.get(PARTITION_TAG)
    if partition and "|" not in partition and (is_company(partition) if is_company else multi_tenant()):
        return partition
    return None


def duckdb_file_of(tags: Mapping[str, str], is_company: Callable[[str], bool] | None = None) -> str:
    """Which DuckDB file a run writes, as the queue's tag value."""
    return tenant_of(tags, is_company) or SINGLE_FILE


def job_in_words(job_name: str) -> str:
    """A run's job as an operator reads it: Dagster's implicit job is what "Materialize selected" launches."""
    return "assets materialised from the UI" if job_name.startswith("__ASSET_JOB") else job_name


class OneWriterPerFileRunCoordinator(QueuedRunCoordinator):
    """QueuedRunCoordinator that tags each run with its DuckDB file before it is queued."""

    def submit_run(self, context: SubmitRunContext) -> DagsterRun:
        run = context.dagster_run
        # whether a partition key is a company is Dagster's to say, not this process's environment: a webserver or
        # daemon started without SYNC_TENANTS would otherwise put every company behind one file's limit
        wanted = duckdb_file_of(run.tags, lambda key: self._instance.has_dynamic_partition(TENANTS, key))
        if run.tags.get(DUCKDB_FILE_TAG) != wanted:
            self._instance.add_run_tags(run.run_id, {DUCKDB_FILE_TAG: wanted})
            run = self._instance.get_run_by_id(run.run_id) or run
        return super().submit_run(SubmitRunContext(run, context.workspace))

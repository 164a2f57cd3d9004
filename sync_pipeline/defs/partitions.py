"""How the assets are partitioned: by company in a deployment with tenants, and the initial linking by kind too.

A deployment without tenants (the embedded default) serves one company and its assets have no partitions but the
linking's kinds. With `SYNC_TENANTS=1` every asset is partitioned by the dynamic partitions `tenants`, whose keys are
the registry's company names (added and removed at run time, without a restart), and the linking by company × kind:
one graph, whatever the number of companies, and a run, a backfill or a materialisation per company in the UI. The
run's resources find the company's folder and credentials from the partition key (`defs/resources.py`).
"""

from __future__ import annotations

import dagster as dg

from sync_pipeline import settings
from sync_pipeline.domain.fields import Kind

TENANTS = dg.DynamicPartitionsDefinition(name="tenants")
KINDS = dg.StaticPartitionsDefinition([kind.value for kind in Kind])
MULTI_TENANT = settings.multi_tenant()  # read once, when the code location loads
# The partitions of every company-scoped asset, and of the linking assets.
COMPANY: dg.DynamicPartitionsDefinition | None = TENANTS if MULTI_TENANT else None
LINKING: dg.PartitionsDefinition = (dg.MultiPartitionsDefinition({"tenant": TENANTS, "kind": KINDS}) if MULTI_TENANT
                                    else KINDS)


def kind_of(context: dg.AssetExecutionContext) -> Kind:
    """The kind a linking step works on, whether its key is `customer` or `customer|fjord`."""
    key = context.partition_key
    if isinstance(key, dg.MultiPartitionKey):
        return Kind(key.keys_by_dimension["kind"])
    return Kind(key)

"""Check deploy/helm/values.yaml against Dagster's Helm chart schema, the way `helm` does, without `helm`.

Helm validates the chart's values.schema.json against the chart's own values.yaml with ours merged over it (maps
merged key by key, anything else replaced, null removing a key). Given the chart's folder (`helm pull dagster/dagster
--version 1.13.x --untar`, or helm/dagster of a dagster-io/dagster checkout), this does the same merge and validates
with jsonschema. Given only the schema (`--schema`), it checks what our file says — names, types, enums, the
launcher and coordinator blocks — and leaves out `required`, which the chart's defaults satisfy.

The schema points Kubernetes objects (volumes, env, probes) at kubernetesjsonschema.dev; those references are dropped
here (no network), keeping only the type the chart's schema gives beside them, so the insides of Kubernetes objects
are checked only by `helm template --validate` or a cluster.

    python deploy/helm/check_values.py --chart path/to/helm/dagster
    python deploy/helm/check_values.py --schema path/to/values.schema.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

VALUES = Path(__file__).with_name("values.yaml")
K8S_SCHEMAS = "https://kubernetesjsonschema.dev/"


def coalesce(defaults: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Helm's merge of user values over a chart's: maps recursively, lists and scalars replaced, null deletes."""
    merged = dict(defaults)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = coalesce(merged[key], value)
        else:
            merged[key] = value
    return merged


def without(schema: Any, *, required: bool) -> Any:
    """The schema without its references to Kubernetes' schemas (and, for a values file alone, its `required`)."""
    if isinstance(schema, dict):
        return {key: without(value, required=required) for key, value in schema.items()
                if not (key == "required" and required)
                and not (key == "$ref" and isinstance(value, str) and value.startswith(K8S_SCHEMAS))}
    if isinstance(schema, list):
        return [without(item, required=required) for item in schema]
    return schema


def problems(schema: Mapping[str, Any], values: Mapping[str, Any]) -> Iterator[ValidationError]:
    """Every place where the values break the schema (draft 7, as the chart's schema is written)."""
    yield from sorted(Draft7Validator(schema).iter_errors(values), key=lambda error: list(error.absolute_path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--chart", type=Path, help="the chart's folder (values.yaml and values.schema.json)")
    source.add_argument("--schema", type=Path, help="the chart's values.schema.json alone")
    parser.add_argument("--values", type=Path, default=VALUES, help="our values (default: %(default)s)")
    args = parser.parse_args(argv)

    ours = yaml.safe_load(args.values.read_text())
    if args.chart:
        schema = without(json.loads((args.chart / "values.schema.json").read_text()), required=False)
        values = coalesce(yaml.safe_load((args.chart / "values.yaml").read_text()), ours)
    else:
        schema, values = without(json.loads(args.schema.read_text()), required=True), ours
    found = list(problems(schema, values))
    for error in found:
        print(f"{'.'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}", file=sys.stderr)
    print(f"{args.values}: {len(found)} problem(s) against the chart's schema"
          f"{' (merged over the chart values)' if args.chart else ' (required keys left to the chart defaults)'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

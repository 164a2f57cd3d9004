"""The daemon's part of the webhook path, played in this process: for the demo, the tests and the in-process
benchmark, which execute runs without `dagster-daemon`.

Like the daemon, it evaluates each sensor with the cursor its last tick committed, executes the runs a tick asks for
(tagged with their run keys), and evaluates the run status sensors, which see only runs that end after their first
evaluation: they are started with the driver, as the daemon starts them when switched on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg

from sync_pipeline.defs.webhooks.definitions import settling_sensors, tripletex_webhooks


class InProcessDaemon:
    def __init__(self, defs: dg.Definitions, instance: dg.DagsterInstance, resources: Mapping[str, Any],
                 run_config: Mapping[str, Any] | None = None) -> None:
        self.defs, self.instance, self.resources = defs, instance, resources
        self.run_config = dict(run_config or {})  # added to every run's (the demo's quieter loggers)
        self.cursors: dict[str, str | None] = {}
        self.settle()  # switched on: from now on, every run that ends is seen

    def evaluate(self, sensor: dg.SensorDefinition) -> dg.SensorResult:
        """One tick of `sensor`; its cursor is kept only when the tick returns (a tick that raises commits nothing)."""
        with dg.build_sensor_context(instance=self.instance, resources=self.resources, sensor_name=sensor.name,
                                     cursor=self.cursors.get(sensor.name)) as context:
            data = sensor.evaluate_tick(context)
        self.cursors[sensor.name] = data.cursor
        return dg.SensorResult(run_requests=data.run_requests, skip_reason=data.skip_message, cursor=data.cursor)

    def settle(self) -> None:
        """The run status sensors' ticks: the files of every webhook run that ended since are settled."""
        for sensor in settling_sensors:
            self.evaluate(sensor)

    def tick(self, raise_on_error: bool = True) -> list[dg.RunRequest]:
        """One tick of `tripletex_webhooks`, each run it asks for executed, then their files settled."""
        requests = list(self.evaluate(tripletex_webhooks).run_requests or [])
        for request in requests:
            self.execute(request, raise_on_error=raise_on_error)
        return requests

    def execute(self, request: dg.RunRequest, raise_on_error: bool = True) -> dg.ExecuteInProcessResult:
        job = self.defs.resolve_job_def(request.job_name)
        result = job.execute_in_process(instance=self.instance, run_config={**(request.run_config or {}),
                                                                            **self.run_config},
                                        raise_on_error=raise_on_error,
                                        tags={**(request.tags or {}), "dagster/run_key": request.run_key})
        self.settle()
        return result

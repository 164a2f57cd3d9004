"""deploy/: what the Kubernetes values and manifests promise, checked without a cluster.

The chart's own schema check and the image build need tools this suite does not have (README, "Running on
Kubernetes"); these tests hold what those cannot see: that the pods which load the run coordinator run an image that
has it, that the coordinator accepts the config the values give it, and that every pod touching a company's files
sees the same volume and the same companies — a run's pod as dagster-k8s's K8sRunLauncher builds it.
"""

from __future__ import annotations

import importlib
import importlib.util
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from dagster import DagsterRun, QueuedRunCoordinator
from dagster._config import process_config
from dagster._core.code_pointer import ModuleCodePointer
from dagster._core.origin import JobPythonOrigin, RepositoryPythonOrigin
from dagster_k8s import K8sRunLauncher
from dagster_k8s.job import construct_dagster_k8s_job
from kubernetes.client import ApiClient

from sync_pipeline.defs.run_queue import DUCKDB_FILE_TAG

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "helm" / "values.yaml").read_text())


@pytest.fixture(scope="module")
def manifests() -> dict[str, dict[str, Any]]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all((DEPLOY / "k8s" / "receiver.yaml").read_text())}


def _code_server(values: dict[str, Any]) -> dict[str, Any]:
    (deployment,) = values["dagster-user-deployments"]["deployments"]
    return deployment


def _env(entries: list[dict[str, str]]) -> dict[str, str]:
    return {entry["name"]: entry["value"] for entry in entries}


def test_the_queue_is_the_projects_coordinator_with_a_config_it_accepts(values) -> None:
    coordinator = values["dagsterDaemon"]["runCoordinator"]
    assert coordinator["enabled"] and coordinator["type"] == "CustomRunCoordinator"
    custom = coordinator["config"]["customRunCoordinator"]
    cls = getattr(importlib.import_module(custom["module"]), custom["class"])
    assert issubclass(cls, QueuedRunCoordinator)
    result = process_config(cls.config_type(), custom["config"])
    assert result.success, [error.message for error in result.errors]
    # One run per company's file at a time: the limit is on the tag the coordinator stamps, per value.
    assert {"key": DUCKDB_FILE_TAG, "value": {"applyLimitPerUniqueValue": True}, "limit": 1} in \
        custom["config"]["tag_concurrency_limits"]


def test_the_queue_keeps_the_same_one_writer_rule_as_dagster_yaml(values) -> None:
    local = yaml.safe_load((ROOT / "dagster.yaml").read_text())["run_coordinator"]
    cluster = values["dagsterDaemon"]["runCoordinator"]["config"]["customRunCoordinator"]
    assert (cluster["module"], cluster["class"]) == (local["module"], local["class"])
    assert cluster["config"]["tag_concurrency_limits"] == local["config"]["tag_concurrency_limits"]


def test_the_webserver_and_the_daemon_run_the_image_that_has_the_coordinator(values) -> None:
    # Both load the run coordinator from the instance config (the webserver submits the UI's runs): the chart's
    # default images do not have sync_pipeline, so they would fail to start.
    image = _code_server(values)["image"]
    assert values["dagsterWebserver"]["image"] == image
    assert values["dagsterDaemon"]["image"] == image


def test_runs_get_their_own_pods_with_the_code_servers_companies_and_volume(values) -> None:
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    code_server = _code_server(values)
    # A run's pod takes the code location's env, Secrets and volumes from includeConfigInLaunchedRuns.
    assert code_server["includeConfigInLaunchedRuns"]["enabled"] is True
    env = _env(code_server["env"])
    assert env["SYNC_TENANTS"] == "1"
    mounts = {mount["name"]: mount["mountPath"] for mount in code_server["volumeMounts"]}
    claims = {volume["name"]: volume["persistentVolumeClaim"]["claimName"] for volume in code_server["volumes"]}
    assert claims == {"sync-data": "sync-pipeline-data"} and mounts["sync-data"] == env["SYNC_DATA_DIR"]


def _run_pod(values: dict[str, Any], kubeconfig: Path) -> dict[str, Any]:
    """The pod spec of the Job the K8sRunLauncher creates for a run of our code location: the launcher's config as
    the chart's instance template (helpers/instance/_run-launcher.tpl) writes it, and the code location's container
    context as the chart's user-deployment helper (dagsterUserDeployments.k8sContainerContext) writes it."""
    code_server = _code_server(values)
    image = f"{code_server['image']['repository']}:{code_server['image']['tag']}"
    launcher_values = values["runLauncher"]["config"]["k8sRunLauncher"]
    kubeconfig.write_text(yaml.safe_dump({  # offline: the launcher loads a client config, nothing is sent
        "apiVersion": "v1", "kind": "Config", "current-context": "c",
        "clusters": [{"name": "c", "cluster": {"server": "https://127.0.0.1:9"}}],
        "contexts": [{"name": "c", "context": {"cluster": "c", "user": "u"}}], "users": [{"name": "u", "user": {}}]}))
    launcher = K8sRunLauncher(
        load_incluster_config=False, kubeconfig_file=str(kubeconfig), job_namespace="default",
        image_pull_policy="Always", service_account_name="sync-pipeline-dagster",
        dagster_home="/opt/dagster/dagster_home", instance_config_map="sync-pipeline-dagster-instance",
        postgres_password_secret=values.get("global", {}).get("postgresqlSecretName", "dagster-postgresql-secret"),
        env_secrets=[secret["name"] for secret in launcher_values.get("envSecrets", [])],
        env_vars=launcher_values.get("envVars", []), volumes=launcher_values.get("volumes", []),
        volume_mounts=launcher_values.get("volumeMounts", []),
        run_k8s_config={"pod_spec_config": launcher_values.get("runK8sConfig", {}).get("podSpecConfig", {})})
    included = code_server.get("includeConfigInLaunchedRuns", {"enabled": True})["enabled"]  # the chart default
    context = {"k8s": {
        "image_pull_policy": code_server["image"]["pullPolicy"],
        "env_config_maps": [f"sync-pipeline-dagster-{code_server['name']}-user-env"],
        "env_secrets": [secret["name"] for secret in code_server.get("envSecrets", [])],
        "volume_mounts": code_server.get("volumeMounts", []), "volumes": code_server.get("volumes", []),
        "namespace": "default", "env": code_server.get("env", []),
        "run_k8s_config": {"pod_spec_config": {"automount_service_account_token": True}}}} if included else None
    origin = JobPythonOrigin("sync", RepositoryPythonOrigin(
        executable_path="/opt/venv/bin/python", container_image=image, container_context=context,
        code_pointer=ModuleCodePointer("sync_pipeline.definitions", "defs", None)))
    run = DagsterRun(job_name="sync", run_id="0123abcd-0000-0000-0000-000000000000", job_code_origin=origin)
    container_context = launcher.get_container_context_for_run(run)
    job = construct_dagster_k8s_job(
        job_config=container_context.get_k8s_job_config(job_image=image, run_launcher=launcher),
        args=["dagster", "api", "execute_run"], job_name="dagster-run-0123abcd", pod_name="dagster-run-0123abcd",
        component="run_worker", user_defined_k8s_config=container_context.run_k8s_config)
    return ApiClient().sanitize_for_serialization(job)["spec"]["template"]["spec"]


def test_a_runs_pod_sees_the_companies_the_volume_and_the_credentials(values, tmp_path) -> None:
    pod = _run_pod(values, tmp_path / "kubeconfig")
    (container,) = pod["containers"]
    code_server = _code_server(values)
    assert container["image"] == f"{code_server['image']['repository']}:{code_server['image']['tag']}"
    env = {entry["name"]: entry.get("value") for entry in container["env"]}
    assert env["SYNC_TENANTS"] == "1" and env["SYNC_DATA_DIR"] == "/data"
    assert {"secretRef": {"name": "sync-pipeline-credentials"}} in container["envFrom"]
    # The volume once (a second entry of the same name is refused by Kubernetes), mounted where SYNC_DATA_DIR points.
    assert pod["volumes"] == [{"name": "sync-data", "persistentVolumeClaim": {"claimName": "sync-pipeline-data"}}]
    assert container["volumeMounts"] == [{"name": "sync-data", "mountPath": "/data"}]
    assert pod["securityContext"] == {"fsGroup": 10001}  # the image's user can write a fresh volume


def test_the_receiver_is_its_own_deployment_on_the_same_volume_and_companies(values, manifests) -> None:
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["command"][:3] == ["sync-pipeline", "webhooks", "serve"]
    env = _env(container["env"])
    code_server = _code_server(values)
    assert env["SYNC_TENANTS"] == _env(code_server["env"])["SYNC_TENANTS"] == "1"
    assert env["SYNC_DATA_DIR"] == _env(code_server["env"])["SYNC_DATA_DIR"]
    assert pod["volumes"] == code_server["volumes"]
    assert {m["mountPath"] for m in container["volumeMounts"]} == {env["SYNC_DATA_DIR"]}
    # Mounted by the code server, every run's pod and the receiver at once.
    assert manifests["PersistentVolumeClaim"]["spec"]["accessModes"] == ["ReadWriteMany"]
    assert manifests["PersistentVolumeClaim"]["metadata"]["name"] == "sync-pipeline-data"


def test_dagster_storage_is_postgres_with_no_password_in_the_values(values) -> None:
    postgres = values["postgresql"]
    assert postgres["enabled"] or postgres["postgresqlHost"]
    assert "postgresqlPassword" not in postgres and values["generatePostgresqlPasswordSecret"] is False
    # The driver dagster-postgres installs; SQLAlchemy 2.1 reads a bare "postgresql" as psycopg 3, not installed.
    assert postgres["postgresqlScheme"] == "postgresql+psycopg2"
    assert values["global"]["postgresqlSecretName"]


def test_the_image_installs_an_extra_that_exists() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert 'pip install ".[k8s]"' in (DEPLOY / "Dockerfile").read_text()
    assert {requirement.split("==")[0] for requirement in extras["k8s"]} == {"dagster-k8s", "dagster-postgres"}


def test_values_merge_over_the_charts_as_helm_merges_them() -> None:
    spec = importlib.util.spec_from_file_location("check_values", DEPLOY / "helm" / "check_values.py")
    check_values = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_values)
    chart = {"postgresql": {"enabled": True, "postgresqlHost": "", "service": {"port": 5432}},
             "runLauncher": {"config": {"k8sRunLauncher": {"envVars": ["A=1"], "loadInclusterConfig": True}}}}
    ours = {"postgresql": {"enabled": False, "postgresqlHost": "db"},
            "runLauncher": {"config": {"k8sRunLauncher": {"envVars": ["B=2"], "loadInclusterConfig": None}}}}
    assert check_values.coalesce(chart, ours) == {
        "postgresql": {"enabled": False, "postgresqlHost": "db", "service": {"port": 5432}},
        "runLauncher": {"config": {"k8sRunLauncher": {"envVars": ["B=2"]}}},
    }

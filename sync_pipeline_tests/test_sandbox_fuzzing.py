"""Both sandboxes fuzzed from their OpenAPI documents (schemathesis), as a new user's tools would: whatever the input,
the answer is a documented status and never a 5xx. A sandbox that answers 5xx would teach the clients to retry what
they should park."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, response_schema_conformance

from sync_pipeline.sandboxes import telaris, tripletex
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline_tests.conftest import DATA

TRIPLETEX_SCHEMA = schemathesis.openapi.from_path(DATA / "tripletex-openapi-subset.json")
TELARIS_SCHEMA = schemathesis.openapi.from_path(
    __import__("importlib.resources").resources.files("sync_pipeline.sandboxes.telaris") / "openapi.json")
BUDGET = settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
# The fields every error answer carries (Tripletex's envelope; Telaris' {"error": {code, message, fields}}).
ERROR_ENVELOPE = {True: ("status", "code", "message"), False: ("error",)}
ANY_CLIENT_ERROR = {400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 428, 429}


def documented(case) -> set[int] | None:
    responses = case.operation.definition.raw.get("responses", {})
    if "default" in responses:
        return None
    return {int(code) for code in responses if code.isdigit()}


def assert_documented(case, response: requests.Response) -> None:
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text}"
    allowed = documented(case)
    if case.method.upper() != case.operation.method.upper():  # the fuzzer tries methods the path does not have
        # 405, or 404 where the path also reads as another route's id (GET /customer/list is /customer/{id})
        assert response.status_code in (404, 405), f"{case.method} {case.formatted_path}: {response.status_code}"
        return
    if allowed is not None:
        assert response.status_code in allowed | ANY_CLIENT_ERROR - {405}, (
            f"{case.method} {case.formatted_path}: undocumented {response.status_code} {response.text[:200]}")
    if allowed is None or response.status_code in allowed:  # the body is what the document says for that status
        checks = [response_schema_conformance] + ([content_type_conformance] if response.content else [])
        case.validate_response(response, checks=checks)  # (a 204 has no body, whatever `default` documents)
    else:  # a client error the operation does not list: still the system's own error envelope, not a bare text
        assert set(ERROR_ENVELOPE[case.operation.schema is TRIPLETEX_SCHEMA]) <= set(response.json()), response.text


@pytest.fixture(scope="module")
def tripletex_sandbox() -> Iterator[tuple[str, tuple[str, str]]]:
    with BackgroundServer(tripletex.create_app()) as server:
        token = requests.put(server.url + "/v2/token/session/:create", timeout=10, params={
            "consumerToken": "c", "employeeToken": "e", "expirationDate": "2099-01-01"}).json()["value"]["token"]
        yield server.url + "/v2", ("0", token)


@pytest.fixture(scope="module")
def telaris_sandbox() -> Iterator[str]:
    with BackgroundServer(telaris.create_app()) as server:
        yield server.url


@TRIPLETEX_SCHEMA.parametrize()
@BUDGET
def test_tripletex_sandbox_never_answers_5xx_or_undocumented(case, tripletex_sandbox) -> None:
    base_url, auth = tripletex_sandbox
    assert_documented(case, case.call(base_url=base_url, auth=auth))


@TELARIS_SCHEMA.parametrize()
@BUDGET
def test_telaris_sandbox_never_answers_5xx_or_undocumented(case, telaris_sandbox) -> None:
    headers = {"Authorization": "Bearer telaris-sandbox-token"}
    assert_documented(case, case.call(base_url=telaris_sandbox, headers=headers))


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/customer/9223372036854775808", None), ("PUT", "/supplier/9223372036854775808", {"name": "x"}),
    ("DELETE", "/event/subscription/18446744073709551616", None), ("POST", "/customer", {"name": [None, None]}),
])
def test_what_the_fuzzer_once_found_is_a_4xx(tripletex_sandbox, method, path, body) -> None:
    base_url, auth = tripletex_sandbox
    answer = requests.request(method, base_url + path, json=body, auth=auth, timeout=10)
    assert 400 <= answer.status_code < 500 and answer.json()["code"] in (6000, 16000, 18000)


@pytest.mark.parametrize("query", ["status=AAA", "updated_since=", "updated_since=2026-13-45", "updated_since=2026"])
def test_telaris_refuses_bad_filters_as_documented(telaris_sandbox, query) -> None:
    path = "/api/v1/invoice-exports" if query.startswith("status") else "/api/v1/customers"
    answer = requests.get(f"{telaris_sandbox}{path}?{query}", timeout=10,
                          headers={"Authorization": "Bearer telaris-sandbox-token"})
    assert answer.status_code == 422
    name = query.partition("=")[0]
    assert name in answer.text, f"the 422 does not name the bad filter {name}: {answer.text}"

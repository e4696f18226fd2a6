"""The OpenAPI document, and a bounded schemathesis run against what it promises.

Every operation of the API is fuzzed with every schemathesis check, as each kind of
caller: anonymous, an officer's session (Front Office, with its CSRF token), and an
API client holding each scope in turn. Positive and negative data both: valid
requests must be accepted (or refused for the caller, or for a business rule), invalid
ones refused. `make fuzz` runs FUZZ_EXAMPLES examples per operation instead of a few.
"""

import os

import pytest
import schemathesis
import schemathesis.specs.openapi.checks  # noqa: F401 - registers the OpenAPI checks
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CHECKS
from schemathesis.config._checks import PositiveDataAcceptanceConfig
from schemathesis.generation import GenerationMode

from loket.apiclients.actions import create_client
from loket.apiclients.scopes import SCOPES
from loket.apiclients.tokens import issue
from loket.core.roles import FRONT_OFFICE
from loket.testing import advance, file_for, make_applicant

# The whole API: every router keeps the promises its operations publish.
ALL_PATHS = r"^/api/v1/"
# Every check schemathesis has, with its defaults.
ALL_CHECKS = CHECKS.get_all()
# Schema-valid data may still break a business rule (an unknown complaint type, a step
# that is not the file's current one): a 422 (Open311: 400) with the reason is then the
# right answer, beside schemathesis's default 2xx/3xx/401/403/404/409/429.
ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
CALLERS = ["anonymous", "officer", *(f"client:{scope}" for scope in SCOPES)]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Many officers are made per test; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Django's test Client does the same: the WSGI app called directly would close the
    # connection that holds the test's transaction after each request (on PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


ENDPOINTS = {
    ("get", "/api/v1/standards/"),
    ("get", "/api/v1/standards/{office}/{code}"),
    ("post", "/api/v1/permits/applications"),
    ("get", "/api/v1/permits/applications"),
    ("post", "/api/v1/permits/counter"),
    ("get", "/api/v1/permits/applications/{application_id}"),
    ("get", "/api/v1/permits/applications/{application_id}/card"),
    ("get", "/api/v1/permits/applications/{application_id}/card.pdf"),
    ("get", "/api/v1/permits/applications/{application_id}/receipt.pdf"),
    ("get", "/api/v1/permits/applications/{application_id}/draft"),
    ("get", "/api/v1/permits/documents/{document_id}"),
    ("get", "/api/v1/permits/inbox"),
    ("post", "/api/v1/permits/applications/{application_id}/receive"),
    ("post", "/api/v1/permits/applications/{application_id}/complete"),
    ("post", "/api/v1/permits/applications/{application_id}/return"),
    ("post", "/api/v1/permits/applications/{application_id}/resubmit"),
    ("post", "/api/v1/permits/applications/{application_id}/collect"),
    ("get", "/api/v1/permits/track"),
}


def test_it_publishes_every_endpoint_in_the_openapi_document(db):
    """/api/v1/openapi.json lists every standards and permits operation."""
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    listed = {(method, path) for path, ops in paths.items() for method in ops}
    assert ENDPOINTS <= listed
    private = paths["/api/v1/permits/inbox"]["get"]
    assert private["security"] == [{"SessionAuth": []}, {"ClientCredentials": ["permits:read"]}]
    assert "security" not in paths["/api/v1/permits/track"]["get"]


@pytest.fixture
def known(sikts, officers):
    """Ids of records that exist: fuzzing ids alone mostly finds nothing."""
    office = sikts.service.office
    at_step_4 = advance(file_for(sikts, make_applicant(office)), officers, 4)  # has a draft
    at_step_2 = file_for(sikts, make_applicant(office, name="Budi Santoso"))
    return [
        {"path_parameters": {"application_id": at_step_2.pk}},
        {"path_parameters": {"application_id": at_step_4.pk}},
        {"path_parameters": {"document_id": at_step_2.documents.first().pk}},
        {"path_parameters": {"office": office.code, "code": sikts.service.code}},
        {"query": {"reg": at_step_2.reg_number, "code": at_step_2.tracking_code}},
    ]


def _credentials(kind, office, officers):
    """(cookies, headers) of one kind of caller."""
    if kind == "anonymous":
        return {}, {}
    if kind == "officer":
        client = Client()
        client.force_login(officers[FRONT_OFFICE])
        token = _get_new_csrf_string()
        cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
        return cookies, {"X-CSRFToken": token}
    scope = kind.removeprefix("client:")
    # A limit no bounded run reaches: the limit itself is tested in loket/apiclients.
    api_client, _secret = create_client(office, kind, [scope], by=None, rate_limit=10**6)
    return {}, {"Authorization": f"Bearer {issue(api_client, [scope])}"}


def _fixed_inputs(operation, known):
    names = {p.name for p in operation.path_parameters} | {p.name for p in operation.query}
    return [k for k in known if set(k.get("path_parameters", k.get("query", {}))) <= names]


def _scopes(operation):
    security = operation.definition.raw.get("security") or []
    return {scope for requirement in security for scope in requirement.get("ClientCredentials", [])}


def _operations(kind):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(
        path_regex=ALL_PATHS
    )
    schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
        expected_statuses=ACCEPTED
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    if kind.startswith("client:"):
        # A client meets public operations as anyone does (the anonymous run covers
        # them); the secured ones answer it by its scope.
        operations = [op for op in operations if op.definition.raw.get("security")]
    return operations


@pytest.mark.parametrize("kind", CALLERS)
def test_it_keeps_its_openapi_promises(kind, known, sikts, officers):
    """Generated requests to every operation, as this kind of caller, pass every check."""
    cookies, headers = _credentials(kind, sikts.service.office, officers)
    operations = _operations(kind)
    if kind == "anonymous":
        assert ENDPOINTS <= {(op.method.lower(), op.path) for op in operations}
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # Known ids make valid requests meet real records; invalid ones need none.
            fixed_inputs = _fixed_inputs(operation, known) if mode.is_positive else []
            for fixed in [{}, *fixed_inputs]:
                strategy = operation.as_strategy(
                    generation_mode=mode, cookies=cookies, headers=headers, **fixed
                )

                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                )
                @given(case=strategy)
                def run(case):
                    case.call_and_validate(checks=ALL_CHECKS)

                try:
                    run()
                except Unsatisfiable:
                    # Nothing in this operation can be made invalid (no parameters, no body).
                    continue
                except BaseExceptionGroup as exc:  # report every broken operation at once
                    failures.append(f"{operation.method.upper()} {operation.path} {mode}: {exc}")
                except AssertionError as exc:
                    failures.append(f"{operation.method.upper()} {operation.path} {mode}: {exc}")
    assert not failures, "\n\n".join(failures)

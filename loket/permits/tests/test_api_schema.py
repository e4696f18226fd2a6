"""The OpenAPI document, and a bounded schemathesis run against what it promises."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from loket.core.roles import FRONT_OFFICE
from loket.testing import advance, file_for, make_applicant

# The whole API: every router keeps the promises its operations publish.
ALL_PATHS = r"^/api/v1/"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


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
    assert private["security"] == [{"SessionAuth": []}]
    assert "security" not in paths["/api/v1/permits/track"]["get"]


@pytest.fixture
def caller(sikts, officers):
    """A Front Office session with a CSRF token, and ids of records that exist."""
    office = sikts.service.office
    at_step_4 = advance(file_for(sikts, make_applicant(office)), officers, 4)  # has a draft
    at_step_2 = file_for(sikts, make_applicant(office, name="Budi Santoso"))
    client = Client()
    client.force_login(officers[FRONT_OFFICE])
    token = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
        # Fuzzing ids alone mostly finds nothing; these make the checks see real records.
        "known": [
            {"path_parameters": {"application_id": at_step_2.pk}},
            {"path_parameters": {"application_id": at_step_4.pk}},
            {"path_parameters": {"document_id": at_step_2.documents.first().pk}},
            {"path_parameters": {"office": office.code, "code": sikts.service.code}},
            {"query": {"reg": at_step_2.reg_number, "code": at_step_2.tracking_code}},
        ],
    }


def _fixed_inputs(operation, known):
    names = {p.name for p in operation.path_parameters} | {p.name for p in operation.query}
    return [k for k in known if set(k.get("path_parameters", k.get("query", {}))) <= names]


def test_it_keeps_its_openapi_promises(caller):
    """Generated requests to every operation of the API get no 5xx and a documented response."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(
        path_regex=ALL_PATHS
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert ENDPOINTS <= {(op.method.lower(), op.path) for op in operations}

    failures = []
    for operation in operations:
        for fixed in [{}, *_fixed_inputs(operation, caller["known"])]:
            strategy = operation.as_strategy(
                cookies=caller["cookies"], headers=caller["headers"], **fixed
            )

            @settings(
                # `make fuzz` sets FUZZ_EXAMPLES for a longer run.
                max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10")),
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy)
            def run(case):
                case.call_and_validate(checks=CHECKS)

            try:
                run()
            except BaseExceptionGroup as exc:  # report every broken operation at once
                failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)

"""The OpenAPI document is a complete contract, and the API keeps its error shape.

Every operation has a plain summary (not one made from its function's name), a
description and a tag; a POST declares its body, with an example; every success is a
typed schema (no bare object); every error is the one error shape (Open311: the spec's
list; the token endpoint: the shape plus RFC 6749's `error`); a secured operation
documents 401 and 403, one with a path parameter 404, one taking input 422 (Open311:
400); a token's operation names one known scope. Paths and methods the API does not
have, and bodies that do not parse, answer in the error shape too.
"""

import pytest
from django.conf import settings
from django.test import Client

# POSTs that take no body, and why.
NO_BODY = {
    "/api/v1/notify/outbox/{pk}/retry": "the message is in the path",
    "/api/v1/notify/letters/{pk}/sent": "the letter is in the path",
    "/api/v1/issuance/{application_id}/received": "the file is in the path",
}
ERROR_SCHEMAS = {"ErrorOut", "TokenErrorOut"}


@pytest.fixture
def schema(db):
    return Client().get("/api/v1/openapi.json").json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", path, method, operation


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _typed(schema, node):
    """A schema that says what it holds: not a bare `object` nor an untyped value."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        return all(_typed(schema, n) for n in node["anyOf"])
    if node.get("type") == "array":
        return _typed(schema, node.get("items", {}))
    if node.get("type") == "object" or "properties" in node:
        return bool(node.get("properties")) or isinstance(node.get("additionalProperties"), dict)
    return "type" in node


def _generated_summary(operation):
    # Ninja's default: the function's name in title case ("Ikm Results").
    words = operation["operationId"].split("_")
    guesses = {" ".join(words[i:]).title() for i in range(len(words))}
    return operation.get("summary", "") in guesses


def test_it_describes_every_operation_in_plain_language(schema):
    """A written summary, a description of some substance and a tag for each operation."""
    failures = []
    for label, _path, _method, operation in _operations(schema):
        if not operation.get("summary") or _generated_summary(operation):
            failures.append(f"{label}: no written summary")
        if len(operation.get("description", "")) < 30:
            failures.append(f"{label}: no description")
        if not operation.get("tags"):
            failures.append(f"{label}: no tag")
    assert not failures, "\n".join(failures)


def test_it_types_every_body_and_success(schema):
    """Each POST declares its body (or is listed as taking none); each success response
    is a typed schema or a file."""
    failures = []
    for label, path, method, operation in _operations(schema):
        if method == "post" and "requestBody" not in operation and path not in NO_BODY:
            failures.append(f"{label}: no requestBody")
        for status, response in operation["responses"].items():
            if not str(status).startswith("2"):
                continue
            content = response.get("content", {})
            if not content:
                failures.append(f"{label} {status}: no content")
            for media, body in content.items():
                node = body.get("schema", {})
                if media.startswith("application/json") and not _typed(schema, node):
                    failures.append(f"{label} {status}: untyped {media}")
    assert not failures, "\n".join(failures)


def test_it_gives_an_example_of_every_body(schema):
    """Every JSON or form body has an example (multipart filings, whose fields are the
    standard's data, excepted)."""
    failures = []
    for label, _path, _method, operation in _operations(schema):
        for media, body in operation.get("requestBody", {}).get("content", {}).items():
            if media == "multipart/form-data":
                continue
            node = _resolve(schema, body.get("schema", {}))
            if not ({"example", "examples"} & set(body) or "examples" in node):
                failures.append(f"{label}: no example of its {media} body")
    assert not failures, "\n".join(failures)


def test_it_documents_every_error_in_one_shape(schema):
    """Every error response is the one shape; secured operations document 401 and 403,
    those with a path parameter 404, those taking input 422 (Open311: 400)."""
    failures = []
    schemes = schema["components"]["securitySchemes"]
    known_scopes = set(schemes["ClientCredentials"]["flows"]["clientCredentials"]["scopes"])
    for label, path, _method, operation in _operations(schema):
        open311 = "/open311/" in path
        statuses = {int(s) for s in operation["responses"]}
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            node = response.get("content", {}).get("application/json", {}).get("schema", {})
            if open311:
                shaped = node.get("type") == "array" and node["items"]["$ref"].endswith(
                    "Open311Error"
                )
            else:
                shaped = node.get("$ref", "").rsplit("/", 1)[-1] in ERROR_SCHEMAS
            if not shaped:
                failures.append(f"{label} {status}: not the error shape")
        security = [r for r in operation.get("security", []) if r]
        if security and not {401, 403} <= statuses:
            failures.append(f"{label}: secured but 401/403 undocumented")
        for requirement in security:
            scopes = requirement.get("ClientCredentials")
            if scopes is not None and (len(scopes) != 1 or not set(scopes) <= known_scopes):
                failures.append(f"{label}: names scopes {scopes}")
        if "{" in path.replace("{format}", "") and 404 not in statuses:
            failures.append(f"{label}: a path parameter but no 404")
        takes_input = operation.get("parameters") or operation.get("requestBody")
        if takes_input and (400 if open311 else 422) not in statuses:
            failures.append(f"{label}: takes input but its refusal is undocumented")
    assert not failures, "\n".join(failures)


def test_it_answers_unknown_paths_and_methods_in_the_error_shape(db):
    """Under /api/ a missing path is a JSON 404, a wrong method a JSON 405 that still
    says which methods are allowed, a body that is not JSON a 422: never an HTML page."""
    client = Client()
    missing = client.get("/api/v1/complaints/abc")
    assert missing.status_code == 404 and missing.json() == {
        "detail": "Tidak ditemukan.",
        "errors": {},
    }
    method = client.delete("/api/v1/permits/track")
    assert method.status_code == 405 and method.json()["detail"] and "GET" in method["Allow"]
    garbage = client.post("/api/v1/complaints/", b"\x00", content_type="application/json")
    assert garbage.status_code == 422 and garbage.json()["detail"]
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert english.get("/api/v1/nowhere").json() == {"detail": "Not found.", "errors": {}}
    assert english.delete("/api/v1/permits/track").json()["detail"] == (
        "This method is not supported at this address."
    )


def test_it_answers_a_missing_record_in_the_error_shape(client, officers):
    """A record that is not there is the API's 404 shape, not ninja's "Not Found: ..."."""
    client.force_login(officers["sekretaris"])
    response = client.get("/api/v1/surveys/ikm", {"service": 708194})
    assert response.status_code == 404
    assert response.json() == {"detail": "Tidak ditemukan.", "errors": {}}

"""Requests carrying U+0000 are refused before any view (PostgreSQL text cannot hold it)."""

import json

from django.test import RequestFactory

from loket.lib.no_nul import fields_with_nul


def test_it_refuses_a_nul_in_a_form_a_query_or_json(client, db):
    """A NUL in a posted field or a query value gets a 400 page; in the API a 422 naming
    the field, for JSON strings nested anywhere too."""
    assert client.post("/layanan/", {"answer": "ya\x00"}).status_code == 400
    assert client.get("/lacak/", {"reg": "\x00"}).status_code == 400
    body = json.dumps({"note": {"items": ["a", "b\x00"]}, "ok": "fine"})
    response = client.post("/api/v1/permits/track", body, content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"note"} and response.json()["detail"]
    response = client.get("/api/v1/permits/track", {"reg": "R\x00", "code": "x"})
    assert (response.status_code, set(response.json()["errors"])) == (422, {"reg"})
    assert client.get("/layanan/").status_code == 200


def test_it_lets_text_that_only_looks_like_an_escaped_nul_through():
    """A literal backslash-u0000 in JSON text, or malformed JSON, is left to the view."""
    factory = RequestFactory()
    literal = json.dumps({"note": "\\u0000"})
    assert not fields_with_nul(factory.post("/x", literal, content_type="application/json"))
    assert not fields_with_nul(factory.post("/x", "{not json", content_type="application/json"))
    assert not fields_with_nul(factory.post("/x", {"note": "biasa"}))
    assert fields_with_nul(factory.post("/x", {"no\x00te": "biasa"})) == ["no\x00te"]

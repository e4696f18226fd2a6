"""Every anonymous form and public API endpoint answers hostile input with a 4xx or a
clean acceptance, never a 500, and stores nothing for what it refuses.

The inputs are the hostile corpus (loket/lib/tests/hostile/): its strings in every
text field, its files in the verification upload. Bodies are built by hand, so a lone
surrogate reaches the server as a browser or a script would send it (CESU bytes in a
form, a "\\ud800" escape in JSON).
"""

import json
import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.audit.models import AuditEvent
from loket.complaints.models import Complaint
from loket.lib.tests.hostile import files
from loket.lib.tests.hostile.strings import HOSTILE_STRINGS
from loket.surveys.models import SurveyResponse
from loket.surveys.tests.helpers import form_data
from loket.testing import advance

NAMES = sorted(HOSTILE_STRINGS)


def _counts():
    return (Complaint.objects.count(), SurveyResponse.objects.count(), AuditEvent.objects.count())


def _form_body(data):
    # surrogatepass: the bytes a client sends when it encodes a lone surrogate anyway.
    return urlencode(data, encoding="utf-8", errors="surrogatepass")


def _post_form(client, url, data):
    return client.post(url, _form_body(data), content_type="application/x-www-form-urlencoded")


def _post_json(client, url, data):
    # ensure_ascii: a lone surrogate travels as the escape "\ud800", valid JSON text.
    return client.post(url, json.dumps(data), content_type="application/json")


def _get(client, url, data):
    return client.get(f"{url}?{_form_body(data)}")


def _survives(response, before):
    """A 4xx stores nothing; a 2xx or 3xx is a clean acceptance; a 5xx never happens."""
    assert response.status_code < 500, response.content[:300]
    if 400 <= response.status_code < 500:
        assert _counts() == before, f"{response.status_code} but something was stored"
    return response.status_code


def _stamp(client):
    page = client.get("/pengaduan/").content.decode()
    return re.search(r'name="stamp" value="([^"]+)"', page).group(1)


@pytest.fixture(autouse=True)
def _no_rate_limit_between_posts():
    # Each post its own address budget: a 429 would make the later checks vacuous.
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("name", NAMES)
def test_the_complaint_form(client, office, name):
    """The public complaint form, the string in the description, subject and name."""
    value = HOSTILE_STRINGS[name]
    before = _counts()
    data = {"type": "waktu", "description": value, "subject": value[:200], "name": value[:200]}
    data["stamp"] = _stamp(client)
    _survives(_post_form(client, "/pengaduan/", data), before)


@pytest.mark.parametrize("name", NAMES)
def test_the_complaint_api(client, office, name):
    """POST /api/v1/complaints/ as JSON; an acceptance files exactly one complaint."""
    value = HOSTILE_STRINGS[name]
    before = _counts()
    body = {"type": "waktu", "description": value, "subject": value, "name": value}
    status = _survives(_post_json(client, "/api/v1/complaints/", body), before)
    if status == 201:
        assert Complaint.objects.count() == before[0] + 1


@pytest.mark.parametrize("name", NAMES)
def test_open311(client, office, name):
    """The Open311 POST requests.json, form-encoded as the GeoReport spec has it."""
    value = HOSTILE_STRINGS[name]
    before = _counts()
    data = {"service_code": "waktu", "description": value, "first_name": value}
    _survives(_post_form(client, "/api/v1/complaints/open311/requests.json", data), before)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("page", ["surveys:fill", "surveys:kiosk"])
def test_the_survey_form_and_kiosk(client, sikts, name, page):
    """The anonymous survey form and the kiosk, the string as comment and occupation."""
    value = HOSTILE_STRINGS[name]
    service = sikts.service
    before = _counts()
    url = reverse(page, args=[service.office.code, service.code])
    _survives(_post_form(client, url, form_data(4, comment=value, occupation=value)), before)


@pytest.mark.parametrize("name", NAMES)
def test_the_survey_api(client, sikts, name):
    """POST /api/v1/surveys/responses, the string as the comment."""
    value = HOSTILE_STRINGS[name]
    service = sikts.service
    before = _counts()
    body = {"office": service.office.code, "service": service.code, **form_data(4)}
    body["comment"] = value
    _survives(_post_json(client, "/api/v1/surveys/responses", body), before)


@pytest.mark.parametrize("name", NAMES)
def test_tracking(client, office, name):
    """The file and complaint lookups, as pages and in the API, the string in both fields."""
    value = HOSTILE_STRINGS[name]
    before = _counts()
    for url, data in (
        ("/lacak/", {"reg": value, "code": value}),
        ("/pengaduan/lacak/", {"ticket": value, "code": value}),
        ("/api/v1/permits/track", {"reg": value, "code": value}),
        ("/api/v1/complaints/track", {"ticket": value, "code": value}),
    ):
        cache.clear()
        _survives(_get(client, url, data), before)


def test_the_verification_upload(client, application, officers):
    """Every file of the corpus, under every hostile name, is answered calmly."""
    permit = advance(application, officers, 9).permit
    url = f"/v/{permit.verify_code}"
    before = _counts()
    for file_name, data in files.all_files().items():
        for name in ("", *NAMES):
            shown = HOSTILE_STRINGS.get(name, "") + file_name
            # As the server would decode a surrogate's bytes in a multipart file name.
            shown = shown.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
            cache.clear()
            upload = SimpleUploadedFile(shown[:200] or "izin.pdf", data, "application/pdf")
            response = client.post(url, {"pdf": upload})
            assert response.status_code == 200, (file_name, name)
            assert "TIDAK ASLI" in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("where", ["complaints", "surveys"])
def test_a_lone_surrogate_in_json_is_refused_with_the_error_shape(client, sikts, where):
    """ "\\ud800" in a JSON field is a 422 in the one error shape (detail, errors by
    field), in both languages, and nothing is stored; it was a 500."""
    service = sikts.service
    if where == "complaints":
        url, body = "/api/v1/complaints/", {"type": "waktu", "description": "ok \ud800"}
        field = "description"
    else:
        url = "/api/v1/surveys/responses"
        body = {"office": service.office.code, "service": service.code, **form_data(4)}
        body["comment"], field = "\udfff", "comment"
    before = _counts()
    response = _post_json(client, url, body)
    assert response.status_code == 422
    assert set(response.json()) == {"detail", "errors"}
    assert response.json()["detail"].startswith("Isian berisi karakter yang tidak sah")
    assert list(response.json()["errors"]) == [field]
    assert _counts() == before
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _post_json(client, url, body).json()["detail"]
    assert english.startswith("The input holds an invalid character")


@pytest.mark.parametrize(
    "file_name", sorted(name for name in files.all_files() if not name.startswith("good"))
)
def test_the_complaint_form_refuses_hostile_attachments(client, office, file_name):
    """Each hostile file of the corpus attached to the public form is refused with a
    message, and no complaint is filed."""
    data = {"type": "waktu", "description": "Lampiran terlampir.", "stamp": _stamp(client)}
    data["attachments"] = SimpleUploadedFile(file_name, files.all_files()[file_name])
    before = _counts()
    response = client.post("/pengaduan/", data)
    assert _survives(response, before) == 200
    assert f"Berkas “{file_name}” ditolak." in response.content.decode()
    assert _counts() == before

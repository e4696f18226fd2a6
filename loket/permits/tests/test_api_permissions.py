"""Who may do what through the API: the same checks as the HTML views."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from loket.core.models import Office
from loket.core.roles import BACK_OFFICE, FRONT_OFFICE, OFFICER_ROLES, PENGELOLA_PENGADUAN
from loket.permits.models import Application, ControlCardEntry
from loket.testing import (
    SIGNING_PASSPHRASE,
    advance,
    ensure_signing_certificate,
    make_applicant,
    make_officers,
)

API = "/api/v1/permits"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Many officers are made per test; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _complete(client, application, step_no):
    codes = [r.code for r in application.spec.requirements_for(application.kind)]
    return client.post(
        f"{API}/applications/{application.pk}/complete",
        {"step_no": step_no, "checked": codes},
        content_type="application/json",
    )


@pytest.fixture
def stranger_officers(db):
    """Every role, but in a second office."""
    other = Office.objects.create(code="dpmptsp-dumai", name="DPMPTSP Kota Dumai", city="Dumai")
    return make_officers(other, prefix="x")


@pytest.mark.parametrize("step_no", range(2, 10))
def test_it_lets_only_the_steps_role_in_the_same_office_complete_it(
    step_no, sikts, officers, stranger_officers, application
):
    """Other roles get 403 and change nothing; another office's officer gets 404."""
    application = advance(application, officers, step_no)
    step = application.spec.step(step_no)
    entries = ControlCardEntry.objects.count()

    stranger = _client(stranger_officers[step.role])
    assert _complete(stranger, application, step_no).status_code == 404
    assert stranger.get(f"{API}/applications/{application.pk}").status_code == 404
    assert stranger.get(f"{API}/applications/{application.pk}/card").status_code == 404
    document = application.documents.first()
    assert stranger.get(f"{API}/documents/{document.pk}").status_code == 404

    for role in OFFICER_ROLES:
        if role == step.role:
            continue
        response = _complete(_client(officers[role]), application, step_no)
        # The complaint desk does not see permit files at all (permissions.FILES).
        assert response.status_code == (404 if role == PENGELOLA_PENGADUAN else 403), role
        assert response.json()["detail"]
    assert ControlCardEntry.objects.count() == entries
    application.refresh_from_db()
    assert application.current_step == step_no

    owner = _client(officers[step.role])
    if step.kind == "sign":
        # The generic "complete" cannot sign: the signer's own endpoint, with his secret.
        assert _complete(owner, application, step_no).status_code == 422
        ensure_signing_certificate(officers[step.role])
        shown = owner.get(f"/api/v1/issuance/{application.pk}/to-sign").json()
        response = owner.post(
            f"/api/v1/issuance/{application.pk}/sign",
            {
                "step_no": step_no,
                "document_sha256": shown["document_sha256"],
                "confirmed": True,
                "passphrase": SIGNING_PASSPHRASE,
            },
            content_type="application/json",
        )
    else:
        response = _complete(owner, application, step_no)
    assert response.status_code == 200, response.content
    application.refresh_from_db()
    assert application.current_step == step_no + 1 or application.status == "collected"


def test_it_refuses_to_return_a_file_outside_the_check_step(sikts, officers, application):
    """Only the check step can send a file back; the Back Office at step 3 gets 422."""
    application = advance(application, officers, 3)
    response = _client(officers[BACK_OFFICE]).post(
        f"{API}/applications/{application.pk}/return",
        {"step_no": 3, "problems": {"ktp": "buram"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    application.refresh_from_db()
    assert application.status == Application.PROCESSING


def test_it_hides_another_applicants_file(sikts, applicant, application):
    """Guessing ids finds nothing: detail, card, documents, PDFs and actions are 404."""
    other = _client(make_applicant(sikts.service.office, name="Budi Santoso").user)
    pk = application.pk
    for path in (
        f"/applications/{pk}",
        f"/applications/{pk}/card",
        f"/applications/{pk}/card.pdf",
        f"/applications/{pk}/receipt.pdf",
        f"/applications/{pk}/draft",
        f"/documents/{application.documents.first().pk}",
    ):
        assert other.get(f"{API}{path}").status_code == 404, path
    resent = other.post(f"{API}/applications/{pk}/resubmit", {})
    assert resent.status_code == 404
    assert other.get(f"{API}/applications").json()["items"] == []
    assert _client(applicant.user).get(f"{API}/applications/{pk}").status_code == 200


def test_it_asks_anonymous_callers_to_log_in(sikts, application):
    """Private endpoints answer 401 to a caller without a session; tracking stays public."""
    anonymous = Client()
    pk = application.pk
    for path in (
        "/applications",
        f"/applications/{pk}",
        f"/applications/{pk}/card",
        f"/documents/{application.documents.first().pk}",
        "/inbox",
    ):
        response = anonymous.get(f"{API}{path}")
        assert response.status_code == 401, path
    for path in ("receive", "complete", "return"):
        response = anonymous.post(
            f"{API}/applications/{pk}/{path}", {"step_no": 2}, content_type="application/json"
        )
        assert response.status_code == 401, path
    assert anonymous.post(f"{API}/applications", {}).status_code == 401
    assert anonymous.post(f"{API}/counter", {}).status_code == 401
    track = anonymous.get(
        f"{API}/track", {"reg": application.reg_number, "code": application.tracking_code}
    )
    assert track.status_code == 200


def test_it_keeps_the_inbox_for_officers(sikts, officers, applicant, application):
    """An applicant has no inbox; each officer sees only their roles' open steps."""
    assert _client(applicant.user).get(f"{API}/inbox").status_code == 403
    assert len(_client(officers[FRONT_OFFICE]).get(f"{API}/inbox").json()["items"]) == 1
    assert _client(officers[BACK_OFFICE]).get(f"{API}/inbox").json()["items"] == []


def test_it_answers_409_when_a_step_is_completed_twice(sikts, officers, application):
    """The second completion of the same step is a conflict, and the card is unchanged."""
    application = advance(application, officers, 9)
    fo = _client(officers[FRONT_OFFICE])
    assert _complete(fo, application, 9).status_code == 200
    entries = ControlCardEntry.objects.count()
    again = _complete(fo, application, 9)
    assert again.status_code == 409
    assert again.json()["detail"]
    assert ControlCardEntry.objects.count() == entries


def test_it_answers_409_to_a_stale_step_for_an_officer_of_both_roles(sikts, officers, application):
    """An officer holding Front and Back Office who repeats step 2 is told it has moved on."""
    fo = officers[FRONT_OFFICE]
    fo.groups.add(Group.objects.get(name=BACK_OFFICE))
    client = _client(fo)
    assert _complete(client, application, 2).status_code == 200
    again = _complete(client, application, 2)
    assert again.status_code == 409
    assert "langkah 2" in again.json()["detail"]
    application.refresh_from_db()
    assert application.current_step == 3


def test_it_refuses_online_filing_without_an_applicant_profile(sikts, officers):
    """An officer without an applicant profile cannot file online."""
    response = _client(officers[FRONT_OFFICE]).post(
        f"{API}/applications",
        {
            "service_id": sikts.service.pk,
            "kind": "baru",
            "workplace_name": "Puskesmas",
            "workplace_address": "Pekanbaru",
            "str_number": "KTS-1",
        },
    )
    assert response.status_code == 403


def test_it_keeps_csrf_protection_for_session_callers(sikts, officers, application):
    """A session-authenticated POST without the CSRF token is refused."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(officers[FRONT_OFFICE])
    url = f"{API}/applications/{application.pk}/receive"
    response = client.post(url, {"step_no": 2}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Token CSRF tidak valid.", "errors": {}}
    client.get("/masuk/")  # the login page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, {"step_no": 2}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_it_gives_the_same_error_shape_for_bad_input(sikts, officers, application):
    """Input that does not parse is a 422 with detail and per-field errors."""
    response = _client(officers[FRONT_OFFICE]).post(
        f"{API}/applications/{application.pk}/complete",
        {"checked": "ktp"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert isinstance(body["detail"], str)
    assert set(body["errors"]) == {"step_no", "checked"}


def test_it_reports_an_unchecked_requirement_by_code(sikts, officers, application):
    """Completing the check step without ticking a requirement names it (422)."""
    response = _client(officers[FRONT_OFFICE]).post(
        f"{API}/applications/{application.pk}/complete",
        {"step_no": 2, "checked": ["ijazah"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "ktp" in response.json()["errors"]

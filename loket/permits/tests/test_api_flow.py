"""A SIKTS file from filing to collection through the API alone."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from loket.accounts.models import Applicant
from loket.core.roles import FRONT_OFFICE
from loket.permits.models import Application
from loket.testing import (
    MINIMAL_PDF,
    PASSWORD,
    SIGNING_PASSPHRASE,
    ensure_signing_certificate,
    uploads_for,
)

API = "/api/v1/permits"
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Many officers are made per test; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _files(spec, only=None):
    return {
        f"doc_{up.requirement}": SimpleUploadedFile(up.name, up.data)
        for up in uploads_for(spec)
        if only is None or up.requirement in only
    }


def _filing(sikts):
    return {
        "service_id": sikts.service.pk,
        "kind": "baru",
        "workplace_name": "Puskesmas Rejosari",
        "workplace_address": "Jl. Tenayan Raya, Pekanbaru",
        "str_number": "KTS 01.1.1.200.2.24-000777",
        "str_valid_until": "2030-06-30",
    }


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _post(client, path, payload):
    return client.post(f"{API}{path}", payload, content_type="application/json")


def test_it_walks_a_file_through_all_nine_steps_with_a_return(sikts, officers, applicant):
    """Filed online, returned at step 2, resubmitted, then done step by step to collection."""
    me = Client()
    assert me.login(username=applicant.user.username, password=PASSWORD)

    response = me.post(f"{API}/applications", {**_filing(sikts), **_files(sikts.spec)})
    assert response.status_code == 201, response.content
    filed = response.json()
    pk = filed["id"]
    assert filed["status"] == "processing"
    assert filed["current_step"] == 2
    assert re.match(r"^SIKTS-\d{4}-00001$", filed["reg_number"])
    assert ISO_WITH_ZONE.match(filed["due_at"])
    assert Application.objects.get(pk=pk).channel == Application.ONLINE

    tracked = Client().get(
        f"{API}/track", {"reg": filed["reg_number"], "code": filed["tracking_code"].lower()}
    )
    assert tracked.status_code == 200
    assert tracked.json()["step_no"] == 2
    assert tracked.json()["role_label"] == "Petugas Front Office"

    fo = _client(officers[FRONT_OFFICE])
    inbox = fo.get(f"{API}/inbox").json()["items"]
    assert [item["application_id"] for item in inbox] == [pk]
    assert inbox[0]["step_no"] == 2 and inbox[0]["is_late"] is False

    assert _post(fo, f"/applications/{pk}/receive", {"step_no": 2}).status_code == 200
    returned = _post(
        fo,
        f"/applications/{pk}/return",
        {"step_no": 2, "problems": {"ktp": "KTP buram, pindai ulang."}, "note": ""},
    )
    assert returned.status_code == 200, returned.content
    assert returned.json()["status"] == "returned"
    mine = me.get(f"{API}/applications/{pk}").json()
    assert mine["to_fix"][0]["requirement"] == "ktp"
    assert mine["to_fix"][0]["problem"] == "KTP buram, pindai ulang."
    assert mine["is_owner"] is True and mine["task"] is None

    resent = me.post(f"{API}/applications/{pk}/resubmit", _files(sikts.spec, only={"ktp"}))
    assert resent.status_code == 200, resent.content
    assert resent.json()["status"] == "processing"
    ktp = [d for d in resent.json()["documents"] if d["requirement"] == "ktp"]
    assert len(ktp) == 1 and ktp[0]["round"] == 2

    codes = [r.code for r in sikts.spec.requirements_for("baru")]
    for step in sikts.spec.steps[1:]:
        actor = _client(officers[step.role])
        detail = actor.get(f"{API}/applications/{pk}").json()
        assert detail["task"]["step_no"] == step.no
        assert detail["can_act"] is True
        if step.kind == "sign":
            # The Kepala Dinas reads the document's hash and signs with his own secret.
            ensure_signing_certificate(officers[step.role])
            shown = actor.get(f"/api/v1/issuance/{pk}/to-sign").json()
            signed = actor.post(
                f"/api/v1/issuance/{pk}/sign",
                {
                    "step_no": step.no,
                    "document_sha256": shown["document_sha256"],
                    "confirmed": True,
                    "passphrase": SIGNING_PASSPHRASE,
                },
                content_type="application/json",
            )
            assert signed.status_code == 200, signed.content
            continue
        done = _post(
            actor,
            f"/applications/{pk}/complete",
            {"step_no": step.no, "checked": codes, "received_by": "Siti Aminah"},
        )
        assert done.status_code == 200, (step.no, done.content)

    final = me.get(f"{API}/applications/{pk}").json()
    assert final["status"] == "collected"
    year = timezone.localtime().year
    assert final["permit"]["number"] == f"503/0001/DPMPTSP-SIKTS/{year}"
    assert final["closed_at"] is not None

    card = me.get(f"{API}/applications/{pk}/card").json()
    handed = {e["step_no"] for e in card if e["event"] == "handed_over"}
    assert handed == set(range(1, 10))
    assert [e["event"] for e in card if e["step_no"] == 1] == ["filed", "handed_over"]
    step2 = [e["event"] for e in card if e["step_no"] == 2]
    assert step2 == ["received", "returned", "resubmitted", "received", "handed_over"]
    returned_entry = next(e for e in card if e["event"] == "returned")
    assert returned_entry["details"]["to_fix"][0]["requirement"] == "ktp"
    assert returned_entry["officer_name"] == officers[FRONT_OFFICE].first_name
    assert all(ISO_WITH_ZONE.match(e["at"]) for e in card)
    handover = next(e for e in card if e["step_no"] == 9 and e["event"] == "handed_over")
    assert handover["details"]["received_by"] == "Siti Aminah"
    assert handover["standard_minutes"] == 1

    document = me.get(ktp[0]["url"])
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert b"".join(document.streaming_content) == MINIMAL_PDF


def test_it_records_the_filing_as_a_handed_over_first_step(sikts, officers, applicant):
    """Step 1 is on the card as filed by the applicant and handed over at once."""
    me = _client(applicant.user)
    pk = me.post(f"{API}/applications", {**_filing(sikts), **_files(sikts.spec)}).json()["id"]
    card = me.get(f"{API}/applications/{pk}/card").json()
    assert [(e["step_no"], e["event"], e["role"]) for e in card] == [
        (1, "filed", "pemohon"),
        (1, "handed_over", "front_office"),
    ]


def test_it_refuses_a_filing_without_the_mandatory_documents(sikts, applicant):
    """Missing documents are named by their upload field, and nothing is filed."""
    me = _client(applicant.user)
    files = _files(sikts.spec)
    del files["doc_ktp"]
    response = me.post(f"{API}/applications", {**_filing(sikts), **files})
    assert response.status_code == 422
    body = response.json()
    assert "doc_ktp" in body["errors"]
    assert body["detail"]
    assert not Application.objects.exists()


def test_it_refuses_a_renewal_without_the_old_permit_number(sikts, applicant):
    """The API checks what the HTML form checks: a renewal names the old permit."""
    me = _client(applicant.user)
    response = me.post(
        f"{API}/applications",
        {**_filing(sikts), "kind": "perpanjangan", **_files(sikts.spec)},
    )
    assert response.status_code == 422
    assert "previous_permit_number" in response.json()["errors"]


def test_it_refuses_an_unknown_upload_field(sikts, applicant):
    """A misspelt document field is an error, not silently dropped."""
    me = _client(applicant.user)
    files = {**_files(sikts.spec), "doc_ijasah": SimpleUploadedFile("x.pdf", b"%PDF-1.4")}
    response = me.post(f"{API}/applications", {**_filing(sikts), **files})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"doc_ijasah"}


def test_it_files_at_the_counter_for_a_walk_in_applicant(sikts, officers):
    """The Front Office registers a walk-in applicant and files their scans in one call."""
    fo = _client(officers[FRONT_OFFICE])
    identity = {
        "full_name": "Rahmat Hidayat",
        "nik": "1471051203900001",
        "birth_place": "Pekanbaru",
        "birth_date": "1990-03-12",
        "sex": "L",
        "address": "Jl. Paus No. 3, Pekanbaru",
        "phone": "0812 3456 7891",
        "consent": "true",
    }
    response = fo.post(f"{API}/counter", {**identity, **_filing(sikts), **_files(sikts.spec)})
    assert response.status_code == 201, response.content
    application = Application.objects.get(pk=response.json()["id"])
    assert application.channel == Application.COUNTER
    assert application.applicant.full_name == "Rahmat Hidayat"
    assert application.applicant.user is None
    assert application.answer("str_valid_until") == "2030-06-30"


def test_it_refuses_the_counter_to_anyone_but_the_front_office(sikts, officers, applicant):
    """Only the Front Office files at the counter; nothing is registered otherwise."""
    bo = _client(officers["back_office"])
    response = bo.post(f"{API}/counter", {**_filing(sikts), **_files(sikts.spec)})
    assert response.status_code == 403
    me = _client(applicant.user)
    assert me.post(f"{API}/counter", _filing(sikts)).status_code == 403
    assert Applicant.objects.count() == 1


def test_it_reports_counter_identity_errors_by_field(sikts, officers):
    """A wrong NIK or missing consent is reported on its field, and nothing is filed."""
    fo = _client(officers[FRONT_OFFICE])
    identity = {
        "full_name": "Rahmat Hidayat",
        "nik": "1471051203900001",
        "birth_place": "Pekanbaru",
        "birth_date": "1990-03-12",
        "sex": "P",  # a woman's NIK adds 40 to the birth day
        "address": "Jl. Paus No. 3, Pekanbaru",
        "phone": "081234567891",
        "consent": "0",
    }
    response = fo.post(f"{API}/counter", {**identity, **_filing(sikts), **_files(sikts.spec)})
    assert response.status_code == 422
    assert "consent" in response.json()["errors"]
    identity["consent"] = "true"
    response = fo.post(f"{API}/counter", {**identity, **_filing(sikts), **_files(sikts.spec)})
    assert response.status_code == 422
    assert "nik" in response.json()["errors"]
    assert not Application.objects.exists()


def test_it_tells_the_public_when_a_file_is_not_found(sikts, application):
    """Tracking with a wrong code is a 404 with a message, not someone else's file."""
    response = Client().get(f"{API}/track", {"reg": application.reg_number, "code": "WRONG123"})
    assert response.status_code == 404
    assert "tidak ditemukan" in response.json()["detail"]


def test_it_lists_files_by_who_asks(sikts, officers, applicant, application):
    """An applicant lists their own files; an officer lists the office's, filterable."""
    from loket.testing import file_for, make_applicant

    other = file_for(sikts, make_applicant(sikts.service.office, name="Budi"))
    mine = _client(applicant.user).get(f"{API}/applications").json()
    assert [a["id"] for a in mine["items"]] == [application.pk]
    office = _client(officers["sekretaris"]).get(f"{API}/applications").json()
    assert office["page"] == 1 and office["has_next"] is False
    assert {a["id"] for a in office["items"]} == {application.pk, other.pk}
    returned = _client(officers["sekretaris"]).get(f"{API}/applications", {"status": "returned"})
    assert returned.json() == {"items": [], "page": 1, "has_next": False}


def test_it_hands_the_permit_to_a_proxy_only_with_a_power_of_attorney(sikts, officers, application):
    """Step 9 to someone else needs the surat kuasa upload; with it the file closes."""
    from loket.testing import advance

    application = advance(application, officers, 9)
    fo = _client(officers[FRONT_OFFICE])
    url = f"{API}/applications/{application.pk}/collect"
    refused = fo.post(url, {"step_no": 9, "received_by": "Ahmad Fauzi"})
    assert refused.status_code == 422
    assert "proxy" in refused.json()["errors"]

    proxy = SimpleUploadedFile("kuasa.pdf", MINIMAL_PDF)
    done = fo.post(url, {"step_no": 9, "received_by": "Ahmad Fauzi", "proxy": proxy})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "collected"
    card = fo.get(f"{API}/applications/{application.pk}/card").json()
    handover = next(e for e in card if e["step_no"] == 9 and e["event"] == "handed_over")
    assert handover["details"] == {"received_by": "Ahmad Fauzi", "collected_via": "proxy"}


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_lists_files_and_the_inbox_in_constant_queries(sikts, officers, application):
    """The file list and the inbox (soonest due first) cost the same with 1 file as with 4."""
    from loket.testing import file_for, make_applicant

    fo = _client(officers[FRONT_OFFICE])
    few = (_queries(fo, f"{API}/applications"), _queries(fo, f"{API}/inbox"))
    for name in ("Budi", "Citra", "Dewi"):
        file_for(sikts, make_applicant(sikts.service.office, name=name))
    many = (_queries(fo, f"{API}/applications"), _queries(fo, f"{API}/inbox"))
    assert few == many
    inbox = fo.get(f"{API}/inbox").json()["items"]
    assert len(inbox) == 4
    assert inbox[0]["application_id"] == application.pk
    assert [i["due_at"] for i in inbox] == sorted(i["due_at"] for i in inbox)

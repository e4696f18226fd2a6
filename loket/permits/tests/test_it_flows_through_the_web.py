"""The whole SIKTS flow, steps 1–9 with the return loop, through the HTML views."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.permits.models import Application, ControlCardEntry
from loket.testing import (
    MINIMAL_PDF,
    PASSWORD,
    SIGNING_PASSPHRASE,
    apply_online,
    ensure_signing_certificate,
    jpeg_bytes,
)


def _files(spec, prefix=""):
    files = {}
    for r in spec.requirements_for("baru"):
        if r.mandatory:
            data, name, ctype = (
                (MINIMAL_PDF, f"{r.code}.pdf", "application/pdf")
                if "pdf" in r.file_types
                else (jpeg_bytes(), "foto.jpg", "image/jpeg")
            )
            files[f"{prefix}doc_{r.code}"] = SimpleUploadedFile(name, data, content_type=ctype)
    return files


def _post_step(client, user, application, step_no, **extra):
    client.force_login(user)
    data = {"step_no": step_no, **extra}
    return client.post(reverse("permits:complete", args=[application.pk]), data)


def test_it_files_returns_resubmits_and_issues_through_the_web(client, sikts, officers, applicant):
    """An applicant files online; FO returns it; the applicant fixes it; each role completes
    its step in turn until the permit is handed over, and the card shows every round."""
    spec = sikts.spec
    client.login(username=applicant.user.username, password=PASSWORD)
    form = {
        "kind": "baru",
        "workplace_name": "Puskesmas Rejosari",
        "workplace_address": "Jl. Tenayan Raya, Pekanbaru",
        "str_number": "KTS 123",
        **_files(spec),
    }
    response = apply_online(client, sikts.service, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get()
    assert application.current_step == 2
    receipt = client.get(response["Location"])
    assert application.tracking_code in receipt.content.decode()
    assert client.get(reverse("permits:receipt_pdf", args=[application.pk])).content[:5] == b"%PDF-"

    # Step 2: the Front Office returns the file with what to fix.
    client.force_login(officers["front_office"])
    response = client.post(
        reverse("permits:return", args=[application.pk]),
        {"step_no": 2, "problem_str": "STR tidak terbaca", "confirm": "1"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.RETURNED
    # The applicant sees what to fix on public tracking too.
    client.logout()
    page = client.get(
        reverse("permits:track"),
        {"reg": application.reg_number, "code": application.tracking_code},
    ).content.decode()
    assert "STR tidak terbaca" in page

    client.login(username=applicant.user.username, password=PASSWORD)
    response = client.post(
        reverse("permits:resubmit", args=[application.pk]),
        {"doc_str": SimpleUploadedFile("str-baru.pdf", MINIMAL_PDF)},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.PROCESSING and application.current_step == 2

    checked = [r.code for r in spec.requirements_for("baru")]
    assert (
        _post_step(client, officers["front_office"], application, 2, checked=checked).status_code
        == 302
    )
    for step in spec.steps[2:]:
        application.refresh_from_db()
        assert application.current_step == step.no
        if step.kind == "sign":
            _sign_on_the_page(client, officers[step.role], application)
            continue
        extra = {"received_by": applicant.full_name} if step.kind == "handover" else {}
        _post_step(client, officers[step.role], application, step.no, **extra)
    application.refresh_from_db()
    assert application.status == Application.COLLECTED
    assert application.permit.number

    events = list(application.card_entries.values_list("step_no", "event"))
    assert (2, ControlCardEntry.RETURNED) in events
    assert (2, ControlCardEntry.RESUBMITTED) in events
    handed = [s for s, e in events if e == ControlCardEntry.HANDED_OVER]
    assert handed == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    client.force_login(officers["sekretaris"])
    page = client.get(reverse("permits:detail", args=[application.pk])).content.decode()
    assert "STR tidak terbaca" in page
    assert client.get(reverse("permits:card_pdf", args=[application.pk])).content[:5] == b"%PDF-"


def _sign_on_the_page(client, kadis, application):
    """The Kepala Dinas opens the signing page, reads the document's hash, ticks the
    statement and types his own passphrase."""
    ensure_signing_certificate(kadis)
    client.force_login(kadis)
    url = reverse("issuance:sign", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Saya telah membaca dokumen di atas" in page
    digest = re.search(r'id="document-sha256">([0-9a-f]{64})<', page).group(1)
    wrong = client.post(
        url,
        {"document_sha256": digest, "confirmed": "1", "passphrase": "bukan-ini"},
        follow=True,
    ).content.decode()
    assert "Passphrase atau kode salah" in wrong
    response = client.post(
        url, {"document_sha256": digest, "confirmed": "1", "passphrase": SIGNING_PASSPHRASE}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.current_step == 8


def test_the_signing_page_speaks_english(client, application, officers):
    """The signing page in English: the statement, the hash, the passphrase field."""
    from loket.testing import advance

    application = advance(application, officers, 7)
    ensure_signing_certificate(officers["kepala_dinas"])
    client.force_login(officers["kepala_dinas"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("issuance:sign", args=[application.pk])).content.decode()
    assert "I have read the document above and sign it electronically." in page
    assert "Document SHA-256" in page
    assert "Your signing passphrase" in page


def test_it_refuses_a_check_with_unticked_requirements(client, application, officers):
    """Passing the file on at step 2 needs every mandatory requirement ticked."""
    response = _post_step(client, officers["front_office"], application, 2, checked=["ijazah"])
    # Refused: the file page again, with the reason and the ticks given.
    assert response.status_code == 422
    application.refresh_from_db()
    assert application.current_step == 2
    assert "Centang setiap persyaratan" in response.content.decode()


def test_it_shows_a_clear_message_for_a_stale_step(client, application, officers):
    """Posting for a step the file has already left says so, and changes nothing."""
    reqs = [r.code for r in application.spec.requirements_for("baru")]
    _post_step(client, officers["front_office"], application, 2, checked=reqs)
    response = _post_step(client, officers["front_office"], application, 2, checked=reqs)
    assert response.status_code in (403, 409)
    page = response.content.decode()
    assert "Langkah ini dikerjakan oleh" in page or "tidak berada di langkah" in page
    application.refresh_from_db()
    assert application.current_step == 3

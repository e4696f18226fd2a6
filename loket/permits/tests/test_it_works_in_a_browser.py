"""In a real browser: apply with uploads, the FO returns the file, then passes it on."""

import pytest
from django.contrib.auth.models import User

from loket.accounts.testing_login import fresh_code
from loket.browser import browser_page
from loket.permits.models import Application
from loket.testing import MINIMAL_PDF, PASSWORD, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if "/akun/verifikasi/" in page.url:  # officers: the TOTP code from their device
        page.fill("input[name=otp_token]", fresh_code(User.objects.get(username=username)))
        page.click("button[type=submit]")


def _log_out(page):
    """On a phone "Keluar" is in the menu: open it first."""
    if page.is_visible(".usa-menu-btn"):
        page.click(".usa-menu-btn")
    page.click("button:has-text('Keluar')")


def test_it_applies_returns_resubmits_and_passes_in_a_browser(
    live_server, sikts, officers, applicant, tmp_path
):
    """The applicant applies with uploads; FO returns it; the applicant resubmits; FO passes it."""
    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_bytes())
    base = live_server.url
    with browser_page(width=390, height=844) as page:  # a phone-sized screen
        _login(page, base, applicant.user.username)
        page.goto(f"{base}/layanan/")
        page.click("text=Ajukan permohonan")
        page.select_option("select[name=kind]", "baru")
        page.fill("input[name=workplace_name]", "Puskesmas Rejosari")
        page.fill("[name=workplace_address]", "Jl. Tenayan Raya, Pekanbaru")
        page.fill("input[name=str_number]", "KTS 01.1.1.200")
        for req in sikts.spec.requirements_for("baru"):
            if req.mandatory:
                path = pdf if "pdf" in req.file_types else photo
                page.set_input_files(f"input[name=doc_{req.code}]", str(path))
        page.click("button[type=submit]")
        # The check-your-answers page: the answers as typed, then send.
        assert "Puskesmas Rejosari" in page.text_content("#answers")
        page.click("button[name=confirm]")
        assert "Permohonan Anda sudah kami terima" in page.text_content("#filed-panel")
        reg = page.text_content("#reg-number")
        assert reg and reg.startswith("SIKTS-")
        application = Application.objects.get(reg_number=reg)

        _log_out(page)
        _login(page, base, officers["front_office"].username)
        page.goto(f"{base}/kotak-masuk/")
        page.click(f"text={reg}")
        page.click("#return-panel summary")
        page.fill("#problem_str", "STR sudah kedaluwarsa, unggah STR yang berlaku.")
        page.click("label[for=return-confirm]")  # returning cannot be undone: confirm
        page.click("#return-file")
        assert "Dikembalikan" in page.text_content("#status")

        _log_out(page)
        _login(page, base, applicant.user.username)
        page.goto(f"{base}/permohonan/{application.pk}/")
        assert "STR sudah kedaluwarsa" in page.text_content("#to-fix")
        page.click("text=Perbaiki dan kirim ulang")
        page.set_input_files("input[name=doc_str]", str(pdf))
        page.click("button[type=submit]")
        assert "Sedang diproses" in page.text_content("#status")

        _log_out(page)
        _login(page, base, officers["front_office"].username)
        page.goto(f"{base}/permohonan/{application.pk}/")
        for label in page.query_selector_all("#check-form label[for^=checked_]"):
            label.click()
        page.click("#pass-file")
        assert "3." in page.text_content("#current-step")
    application.refresh_from_db()
    assert application.current_step == 3
    assert application.card_entries.filter(event="returned").count() == 1

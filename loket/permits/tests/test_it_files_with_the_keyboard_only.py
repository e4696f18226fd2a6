"""An applicant files a SIKTS application with the keyboard only (Tab, Shift+Tab,
Enter, Space and typing): log in, open the catalogue, choose SIKTS, fill the form,
attach the documents, check the answers and file it; every focused element shows where
the focus is."""

import pytest

from loket.browser import browser_page
from loket.permits.models import Application
from loket.testing import MINIMAL_PDF, PASSWORD, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether the focused element is drawn differently from its unfocused self: an outline
# or a shadow (USWDS and the old CSS both draw one of them on :focus-visible).
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), name: el.name || '', type: el.type || '',
          text: (el.innerText || el.value || '').trim(), href: el.getAttribute('href') || ''};
}"""


def tab_to(page, wanted, limit=80):
    """Press Tab until `wanted(focused)` holds; each stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body":  # the focus passed through the browser's own stops
            continue
        if focused["type"] == "date":
            # Chromium keeps the focus in the date field's own day/month/year parts and
            # reports the field as not :focus there; it draws its own ring on the part.
            continue
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError("never reached the element with Tab")


def test_it_files_an_application_with_the_keyboard_only(live_server, sikts, applicant, tmp_path):
    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_bytes())
    answers = {
        "workplace_name": "Puskesmas Rejosari",
        "workplace_address": "Jl. Tenayan Raya, Pekanbaru",
        "str_number": "KTS 01.1.1.200",
    }
    mandatory = {r.code: r for r in sikts.spec.requirements_for("baru") if r.mandatory}
    with browser_page() as page:
        page.goto(f"{live_server.url}/masuk/")
        tab_to(page, lambda f: f["name"] == "username")
        page.keyboard.type(applicant.user.username)
        tab_to(page, lambda f: f["name"] == "password")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/masuk/" not in url)

        tab_to(page, lambda f: f["href"].endswith("/layanan/"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/layanan/")
        tab_to(page, lambda f: f["href"] == f"/ajukan/{sikts.service.pk}/")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/ajukan/{sikts.service.pk}/")

        attached = set()
        while True:
            focused = tab_to(page, lambda f: f["tag"] in ("input", "select", "textarea", "button"))
            name = focused["name"]
            if focused["tag"] == "select" and name == "kind":
                page.keyboard.type("Baru")  # a select picks the option typed
            elif name in answers:
                page.keyboard.type(answers[name])
            elif focused["type"] == "file" and name.removeprefix("doc_") in mandatory:
                req = mandatory[name.removeprefix("doc_")]
                with page.expect_file_chooser() as chooser:
                    page.keyboard.press("Space")
                chooser.value.set_files(str(pdf if "pdf" in req.file_types else photo))
                attached.add(req.code)
            elif focused["tag"] == "button" and focused["type"] == "submit":
                if focused["text"] in ("Lanjut: periksa jawaban", "Continue: check your answers"):
                    break
        assert attached == set(mandatory)
        page.keyboard.press("Enter")
        # The check-your-answers page: Tab to its "Kirim permohonan" and press Enter.
        page.wait_for_selector("text=Kirim permohonan")
        tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Kirim permohonan")
        page.keyboard.press("Enter")
        page.wait_for_selector("#reg-number")
        reg = page.text_content("#reg-number")
    application = Application.objects.get(reg_number=reg)
    assert application.applicant == applicant
    assert application.answers["workplace_name"] == "Puskesmas Rejosari"
    assert application.documents.count() == len(mandatory)

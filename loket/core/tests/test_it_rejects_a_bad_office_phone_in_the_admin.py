"""The office record is edited in the Django admin: a phone or WhatsApp number that is
not a valid Indonesian number, a bad email or a crest that is not among the static
files is refused with a clear message, and nothing is saved."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from loket.core.demo import PEKANBARU_IDENTITY, give_demo_identity
from loket.core.models import Office


def _form(office, **changes):
    data = {
        **PEKANBARU_IDENTITY,
        "code": office.code,
        "day_start": "08:00",
        "day_end": "16:00",
        "head_name": "",
        "head_rank": "",
        "head_nip": "",
        "letter_number_format": office.letter_number_format,
        "retention_years": office.retention_years,
        "calendar_days-TOTAL_FORMS": "0",
        "calendar_days-INITIAL_FORMS": "0",
        "calendar_days-MIN_NUM_FORMS": "0",
        "calendar_days-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


@pytest.fixture
def admin_client(office):
    give_demo_identity(office)
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "phone_error", "letters_error", "email_error"),
    [
        (
            "id",
            "Nomor telepon tidak valid.",
            "Nomor telepon hanya boleh berisi angka",
            "Masukkan alamat email yang valid.",
        ),
        (
            "en",
            "Invalid phone number.",
            "A phone number may only contain digits",
            "Enter a valid email address.",
        ),
    ],
)
def test_it_says_what_is_wrong_and_saves_nothing(
    admin_client, office, language, phone_error, letters_error, email_error
):
    """A short phone number, letters in the WhatsApp number and a bad email each get
    their message; the office keeps its numbers."""
    admin_client.cookies["django_language"] = language
    response = admin_client.post(
        f"/admin/core/office/{office.pk}/change/",
        _form(office, phone="0761 12", whatsapp="0811-BUNGA", email="bukan-email"),
    )
    assert response.status_code == 200  # the form again, with its errors
    page = response.content.decode()
    assert phone_error in page and letters_error in page and email_error in page
    office.refresh_from_db()
    assert office.phone == "(0761) 000000" and office.whatsapp == "0811-7600-0000"


def test_it_refuses_a_crest_that_is_not_a_static_image(admin_client, office):
    """The crest names a static file: a missing one is refused with its path."""
    response = admin_client.post(
        f"/admin/core/office/{office.pk}/change/", _form(office, crest="core/crest/tidak-ada.svg")
    )
    assert "Berkas core/crest/tidak-ada.svg tidak ada di static files." in response.content.decode()
    assert Office.objects.get(pk=office.pk).crest == "core/crest/contoh.svg"


def test_it_saves_a_valid_record(admin_client, office):
    """A valid change is saved as typed (numbers keep the office's own spacing)."""
    response = admin_client.post(
        f"/admin/core/office/{office.pk}/change/", _form(office, phone="+62 761 45505")
    )
    assert response.status_code == 302
    assert Office.objects.get(pk=office.pk).phone == "+62 761 45505"

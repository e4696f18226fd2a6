"""Registering applicants online and at the counter, with NIK and phone checks."""

from django.urls import reverse

from loket.accounts.models import Applicant

GOOD = {
    "full_name": "Siti Aminah",
    "nik": "1471055203900002",
    "birth_place": "Pekanbaru",
    "birth_date": "1990-03-12",
    "sex": "P",
    "address": "Jl. Sudirman 10",
    "phone": "0812-3456-7890",
    "email": "",
    "consent": "on",
    "password1": "Sanitarian-2026!",
    "password2": "Sanitarian-2026!",
}


def test_it_registers_an_applicant_with_a_normalised_phone(client, office):
    """A valid registration logs the applicant in; the phone is stored as +62."""
    response = client.post(reverse("accounts:register"), GOOD)
    assert response.status_code == 302
    applicant = Applicant.objects.get()
    assert applicant.phone == "+6281234567890"
    assert applicant.consented_at
    # The account is named by the NIK's keyed hash (no NIK in the users table); the
    # applicant still signs in with the NIK.
    assert GOOD["nik"] not in applicant.user.username
    client.logout()
    response = client.post(
        reverse("login"), {"username": GOOD["nik"], "password": GOOD["password1"]}
    )
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(
        applicant.user.pk
    )


def test_it_refuses_a_nik_that_disagrees_with_the_birth_date_and_sex(client, office):
    """A man's NIK for a woman, or another birth date, is refused with a clear message."""
    response = client.post(reverse("accounts:register"), GOOD | {"sex": "L"})
    assert response.status_code == 200
    assert not Applicant.objects.exists()
    response = client.post(reverse("accounts:register"), GOOD | {"birth_date": "1991-03-12"})
    assert response.status_code == 200 and not Applicant.objects.exists()
    assert "tanggal lahir" in response.content.decode().lower()


def test_it_refuses_a_bad_province_and_a_bad_phone(client, office):
    """NIK province 99 and a non-number phone each get their own message."""
    response = client.post(
        reverse("accounts:register"), GOOD | {"nik": "9971055203900002", "phone": "abc"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Applicant.objects.exists()
    assert page.count('class="usa-error-message"') >= 2  # beside each field


def test_it_requires_consent(client, office):
    """Without consent to the processing of personal data nothing is registered."""
    data = dict(GOOD)
    del data["consent"]
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200 and not Applicant.objects.exists()


def test_it_refuses_registering_the_same_nik_twice(client, office):
    """A second account for the same NIK is refused."""
    client.post(reverse("accounts:register"), GOOD)
    client.logout()
    response = client.post(reverse("accounts:register"), GOOD)
    assert response.status_code == 200
    assert "sudah terdaftar" in response.content.decode()

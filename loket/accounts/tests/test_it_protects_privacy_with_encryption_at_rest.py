"""NIK and phone numbers are stored encrypted, found again by a keyed hash, and the
keys can be rotated; the users table and the lockout records hold no NIK."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from loket.accounts.checks import personal_data_keys_are_set
from loket.accounts.models import Applicant
from loket.complaints import actions as complaint_actions
from loket.complaints.models import INTERNET, Complaint
from loket.lib import crypto_fields
from loket.notify.models import Outbox
from loket.testing import PASSWORD, make_applicant


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_it_stores_nik_and_phone_as_tokens(applicant):
    """The columns hold Fernet tokens; the model reads back the plain values."""
    raw_nik = _raw("accounts_applicant", "nik", applicant.pk)
    raw_phone = _raw("accounts_applicant", "phone", applicant.pk)
    assert raw_nik.startswith(crypto_fields.PREFIX) and applicant.nik not in raw_nik
    assert raw_phone.startswith(crypto_fields.PREFIX) and "81234567890" not in raw_phone
    fresh = Applicant.objects.get(pk=applicant.pk)
    assert (fresh.nik, fresh.phone) == (applicant.nik, "+6281234567890")
    # The same value encrypts differently every time: the column gives nothing away.
    assert crypto_fields.encrypt(applicant.nik) != crypto_fields.encrypt(applicant.nik)


def test_it_encrypts_complainant_numbers_and_outbox_recipients(office):
    """A complainant's phone and fax, and every outbox recipient, are tokens at rest."""
    complaint = complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(description="Lama sekali.", phone="0813-7000-1234"),
        channel=INTERNET,
    )
    assert "81370001234" not in _raw("complaints_complaint", "phone", complaint.pk)
    assert Complaint.objects.get(pk=complaint.pk).phone == "+6281370001234"
    assert complaint.phone_hash == crypto_fields.phone_hash("0813 7000 1234")
    assert Complaint.objects.filter(phone_hash=crypto_fields.phone_hash("+6281370001234")).exists()
    for message in Outbox.objects.all():
        raw = _raw("notify_outbox", "recipient", message.pk)
        assert raw.startswith(crypto_fields.PREFIX) and message.recipient not in raw


def test_it_finds_an_applicant_by_nik_through_the_hash(office, applicant):
    """Exact-match lookup goes through nik_hash; filtering on the token is refused."""
    assert Applicant.objects.with_nik(applicant.nik).get() == applicant
    assert Applicant.objects.with_nik(f" {applicant.nik} ").get() == applicant
    assert not Applicant.objects.with_nik("1471055203909999").exists()
    with pytest.raises(FieldError):
        list(Applicant.objects.filter(nik=applicant.nik))
    with pytest.raises(FieldError):
        list(Applicant.objects.filter(phone__startswith="+62"))
    assert Applicant.objects.exclude(phone="").count() == 1


def test_it_keeps_the_nik_out_of_the_users_and_lockout_tables(client, office, applicant):
    """The account is named by the NIK's hash; failed logins are counted under it."""
    from axes.models import AccessAttempt, AccessLog

    assert applicant.nik not in applicant.user.username
    client.post(reverse("login"), {"username": applicant.nik, "password": "salah-sandi"})
    attempt = AccessAttempt.objects.get()
    assert attempt.username == applicant.user.username
    assert applicant.nik not in str(list(AccessLog.objects.values_list()))
    response = client.post(reverse("login"), {"username": applicant.nik, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(applicant.user.pk)


def test_it_rotates_the_encryption_key(settings, office, applicant):
    """A new key first keeps old tokens readable; rotate_field_keys rewrites them, after
    which the old key can go. A new hash key is taken up by the same command."""
    old = crypto_fields.encryption_keys()[0].decode()
    new = Fernet.generate_key().decode()
    before = _raw("accounts_applicant", "nik", applicant.pk)
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    assert Applicant.objects.get(pk=applicant.pk).nik == applicant.nik
    settings.FIELD_HASH_KEY = "a-new-hash-key-" + "x" * 40
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "accounts.Applicant" in out.getvalue()
    after = _raw("accounts_applicant", "nik", applicant.pk)
    assert after != before
    settings.FIELD_ENCRYPTION_KEYS = [new]
    fresh = Applicant.objects.get(pk=applicant.pk)
    assert (fresh.nik, fresh.phone) == (applicant.nik, applicant.phone)
    assert Applicant.objects.with_nik(applicant.nik).get() == applicant
    assert fresh.user.username == "nik-" + crypto_fields.nik_hash(applicant.nik)
    # Without the key the tokens were made with, reading fails loudly, not silently.
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto_fields.UndecryptableValue):
        Applicant.objects.get(pk=applicant.pk)


def test_it_encrypts_rows_written_before_encryption(office):
    """The data migration (accounts 0005) turns plain rows into tokens and hashes them,
    and renames an account named by its NIK; plain text reads as itself meanwhile."""
    import importlib

    from django.apps import apps

    applicant = make_applicant(office)
    plain_nik = applicant.nik
    user = applicant.user
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_applicant SET nik = %s, phone = %s, nik_hash = NULL WHERE id = %s",
            [plain_nik, "+6281234567890", applicant.pk],
        )
    user.username = plain_nik
    user.save(update_fields=["username"])
    assert Applicant.objects.get(pk=applicant.pk).nik == plain_nik
    migration = importlib.import_module("loket.accounts.migrations.0005_encrypt_personal_data")
    migration.encrypt(apps, None)
    assert _raw("accounts_applicant", "nik", applicant.pk).startswith(crypto_fields.PREFIX)
    assert Applicant.objects.with_nik(plain_nik).get().pk == applicant.pk
    user.refresh_from_db()
    assert user.username == "nik-" + crypto_fields.nik_hash(plain_nik)


def test_it_refuses_development_keys_on_deploy(settings):
    """check --deploy: loket.E002 for the SECRET_KEY-derived keys, a bad or short key."""
    settings.FIELD_ENCRYPTION_KEYS = []
    settings.FIELD_HASH_KEY = ""
    assert [w.id for w in personal_data_keys_are_set(None)] == ["loket.E002"]
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    settings.FIELD_HASH_KEY = "k" * 40
    assert [w.id for w in personal_data_keys_are_set(None)] == ["loket.E002"]
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    settings.FIELD_HASH_KEY = "short"
    assert [w.id for w in personal_data_keys_are_set(None)] == ["loket.E002"]
    settings.FIELD_HASH_KEY = "k" * 40
    assert personal_data_keys_are_set(None) == []
